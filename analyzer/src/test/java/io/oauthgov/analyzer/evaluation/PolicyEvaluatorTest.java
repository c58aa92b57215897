package io.oauthgov.analyzer.evaluation;

import static io.oauthgov.analyzer.Fixtures.auditChange;
import static io.oauthgov.analyzer.Fixtures.client;
import static io.oauthgov.analyzer.Fixtures.days;
import static io.oauthgov.analyzer.Fixtures.integration;
import static io.oauthgov.analyzer.Fixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.schemas.fingerprint.ClientFingerprint;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The policy as a pure function: no Kafka. */
class PolicyEvaluatorTest {
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private final PolicyEvaluator evaluator = new PolicyEvaluator(PolicyLoader.loadDefault());

    @Test
    void staleSinceIsMeasuredFromTheLastUseOfEitherSourceNotFromDateModified() {
        OAuthClientSnapshot snapshot = client("c", NOW).setDateModified(NOW.minus(days(5))).build();
        ActivityAggregate activity = ActivityAggregate.EMPTY
                .with(usage("c", NOW.minus(days(300)), 3))
                .with(io.oauthgov.analyzer.Fixtures.auditUse("c", NOW.minus(days(200))))
                .with(auditChange("c", NOW.minus(days(5)), "Bob"));

        Verdict verdict = evaluator.evaluate(snapshot, activity, integration("c", false, NOW), null, NOW);

        assertThat(verdict.lastUsedAt()).isEqualTo(NOW.minus(days(200)));
        assertThat(verdict.staleSince()).isEqualTo(NOW.minus(days(20)));
        assertThat(verdict.eligibleAt()).isEqualTo(NOW.minus(days(6)));
        assertThat(verdict.candidate()).as("a change by Bob is not use").isTrue();
        assertThat(verdict.fingerprint()).isEqualTo(ClientFingerprint.of(snapshot, NOW.minus(days(200))));
        assertThat(verdict.findings().get(0).evidence()).containsEntry("lastChangedBy", "Bob (user-9)");
    }

    @Test
    void snoozedClientIsNotACandidateUntilTheSnoozeEnds() {
        OAuthClientSnapshot snapshot = client("c", NOW).build();
        ActivityAggregate activity = ActivityAggregate.EMPTY.with(usage("c", NOW.minus(days(300)), 3));

        Verdict snoozed = evaluator.evaluate(snapshot, activity, integration("c", false, NOW), NOW.plus(days(1)), NOW);
        Verdict after = evaluator.evaluate(snapshot, activity, integration("c", false, NOW), NOW.plus(days(1)), NOW.plus(days(1)));

        assertThat(snoozed.candidate()).isFalse();
        assertThat(snoozed.candidateNote()).startsWith("snoozed until");
        assertThat(after.candidate()).isTrue();
    }

    @Test
    void clientWithoutUseOrCreationDateIsNeverACandidate() {
        OAuthClientSnapshot snapshot = client("c", NOW).setDateCreated(null).build();

        Verdict verdict = evaluator.evaluate(snapshot, ActivityAggregate.EMPTY, integration("c", false, NOW), null, NOW);

        assertThat(verdict.candidate()).isFalse();
        assertThat(verdict.staleSince()).isNull();
        assertThat(verdict.findings()).isEmpty();
    }

    @Test
    void scoreRisesWithSeverityAndNumberOfFindings() {
        OAuthClientSnapshot risky = client("c", NOW).setScope(java.util.List.of("admin"))
                .setAccessTokenValiditySeconds(200_000L).build();

        Verdict verdict = evaluator.evaluate(risky, ActivityAggregate.EMPTY.with(usage("c", NOW, 1)), null, null, NOW);

        assertThat(verdict.signature()).isEqualTo("high-risk-scopes:HIGH,unowned:LOW,long-token-validity:MEDIUM");
        assertThat(verdict.score()).isEqualTo(85);
    }
}
