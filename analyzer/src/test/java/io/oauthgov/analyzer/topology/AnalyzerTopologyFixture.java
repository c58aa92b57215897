package io.oauthgov.analyzer.topology;

import static io.oauthgov.analyzer.Fixtures.APPROVER;
import static io.oauthgov.analyzer.Fixtures.EXECUTOR;
import static io.oauthgov.analyzer.Fixtures.ORG;

import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.analyzer.metrics.AnalyzerMetrics;
import io.oauthgov.analyzer.policy.Policy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the analyzer topology tests share: an {@link AnalyzerDriver} whose clock starts at {@link #START}, on a state
 * directory of the test's own, with {@code ORG}'s approver and executor identity and a re-evaluation every minute;
 * closed after each test, which checks the OCSF feed the test left unread.
 */
abstract class AnalyzerTopologyFixture {
    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path stateDir;

    /** The driver under test; {@link #closeDriver} closes the last one a test assigned. */
    AnalyzerDriver a;

    /** {@code ORG}'s approver and executor identity, re-evaluation every minute; a test may add to it. */
    static AnalyzerSettings.Builder settings() {
        return AnalyzerSettings.builder().approvers(ORG, APPROVER).executorIdentity(ORG, EXECUTOR)
                .punctuationInterval(Duration.ofMinutes(1));
    }

    /** Starts {@link #a} with the default settings; the org is not yet collected. */
    AnalyzerDriver startDriver(Policy policy) {
        return startDriver(policy, settings().build(), AnalyzerMetrics.none());
    }

    /** Starts {@link #a}; the org is not yet collected. */
    AnalyzerDriver startDriver(Policy policy, AnalyzerSettings settings, AnalyzerMetrics metrics) {
        a = new AnalyzerDriver(policy, settings, START, stateDir, metrics);
        return a;
    }

    @AfterEach
    void closeDriver() {
        if (a != null) {
            a.close();
        }
    }
}
