package io.oauthgov.bench.jmh;

import io.oauthgov.analyzer.evaluation.ActivityAggregate;
import io.oauthgov.analyzer.evaluation.PolicyEvaluator;
import io.oauthgov.analyzer.evaluation.Verdict;
import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.bench.analyzer.SyntheticFleet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The policy as a pure function, {@link PolicyEvaluator#evaluate}, on a rotating set of 4,096 synthetic clients
 * (the analyzer benchmarks' population: mixed grants, scopes, states, owners and activity), so branch prediction
 * and caches see a realistic mix rather than one client. One operation = one client judged, fingerprint included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyEvaluationJmh {
    private static final int CLIENTS = 4096;

    private PolicyEvaluator evaluator;
    private OAuthClientSnapshot[] clients;
    private ActivityAggregate[] activity;
    private IntegrationRecord[] integrations;
    private Instant now;
    private int next;

    @Setup
    public void setUp() {
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SyntheticFleet fleet = new SyntheticFleet(0, 50, CLIENTS / 50 + 1, now);
        evaluator = new PolicyEvaluator(PolicyLoader.loadDefault());
        clients = new OAuthClientSnapshot[CLIENTS];
        activity = new ActivityAggregate[CLIENTS];
        integrations = new IntegrationRecord[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            clients[i] = fleet.snapshot(i);
            integrations[i] = fleet.integration(i);
            ActivityAggregate aggregate = ActivityAggregate.EMPTY;
            // A third never used, the rest with a few days of evidence, some of it older than the stale window.
            for (int day = 0; day < i % 3 * 4; day++) {
                aggregate = aggregate.with(fleet.evidence(i, day, 20 + day * (i % 7) * 15));
            }
            activity[i] = aggregate;
        }
    }

    @Benchmark
    public Verdict evaluateOneClient() {
        int i = next++ & (CLIENTS - 1);
        return evaluator.evaluate(clients[i], activity[i], integrations[i], null, now);
    }
}
