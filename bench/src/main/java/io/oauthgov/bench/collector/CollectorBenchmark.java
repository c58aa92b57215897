package io.oauthgov.bench.collector;

import io.oauthgov.bench.BenchContext;
import io.oauthgov.bench.Benchmark;
import io.oauthgov.bench.Goal;
import io.oauthgov.bench.Metric;
import io.oauthgov.bench.Scale;
import io.oauthgov.collector.CollectorApp;
import io.oauthgov.collector.CollectorStats;
import io.oauthgov.collector.CollectorSettings;
import io.oauthgov.collector.OrgReport;
import io.oauthgov.collector.OrgTarget;
import io.oauthgov.genesys.ClientCredentials;
import io.oauthgov.genesys.Endpoints;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.RequestLog;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.IdentityRole;
import java.time.Duration;
import java.util.List;

/**
 * The real {@link Collector} against the Genesys simulator over loopback HTTP, publishing to the run's broker:
 * listing, snapshot verification, one detail read per new client (the grant-type cache is cold), the usage and
 * audit queries, and the transactional publish. Twice:
 * <ul>
 *   <li>collector_clients_per_s: 10,000 clients with no rate limit on either side, i.e. what the collector, the
 *       HTTP stack and the simulator can do together;</li>
 *   <li>collector_limit_utilisation: a smaller org under a known per-identity limit; the API calls per second
 *       achieved from the identity's first to its last call (the simulator's request log) divided by the allowed
 *       rate, and the 429s met (should be none).</li>
 * </ul>
 * Reading back the previous snapshot from Kafka at start-up is done before the clock starts.
 */
public final class CollectorBenchmark implements Benchmark {
    public static final String CLIENTS_PER_S = "collector_clients_per_s";
    public static final String UTILISATION = "collector_limit_utilisation";
    private static final int NO_LIMIT = 10_000_000;

    @Override
    public String name() {
        return "collector";
    }

    @Override
    public List<Metric> run(BenchContext context) throws InterruptedException {
        Scale scale = context.scale();
        Run unlimited = collect(context, "unlimited", scale.collectorClients(), NO_LIMIT, 8);
        context.progress(String.format("collector, no limit: %,d clients, %,d calls in %.1f s", unlimited.report().clients(),
                unlimited.report().calls(), unlimited.seconds()));
        Run limited = collect(context, "limited", scale.collectorLimitedClients(), scale.collectorLimitPerMinute(), 9);
        double allowedPerSecond = scale.collectorLimitPerMinute() / 60.0;
        double achieved = limited.apiCallsPerSecond();
        context.progress(String.format("collector, limit %d/min: %,d calls in %.1f s (first to last call) = %.1f calls/s, "
                        + "whole collection %.1f s, %d x 429", scale.collectorLimitPerMinute(), limited.apiCalls(), limited.apiSeconds(),
                achieved, limited.seconds(), limited.report().throttled()));
        return List.of(
                Metric.of(CLIENTS_PER_S, unlimited.report().clients() / unlimited.seconds(), "clients/s", Goal.none(),
                        String.format("%,d clients%s, 1 org, no limit: %,d API calls (%,.0f/s) incl. usage + audit queries, "
                                + "%,d usage + %,d audit evidence, verified snapshot; calls by kind, s after the first: %s",
                                unlimited.report().clients(), scale.quick() ? " (quick mode; the full run uses the issue's 10,000)" : "",
                                unlimited.report().calls(), unlimited.report().calls() / unlimited.seconds(),
                                unlimited.report().usageEvidence(), unlimited.report().auditEvidence(), unlimited.phases())),
                Metric.of(UTILISATION, achieved / allowedPerSecond, "ratio",
                        Goal.atLeast(0.95, "≥ 0.95, 0 × 429 (governor design target)"),
                        String.format("%,d clients under %,d calls/min per identity: %,d API calls from first to last in %.1f s = "
                                + "%.1f/s of %.1f/s allowed (simulator's request log), %d x 429; %.2f of the limit while reading "
                                + "client details back to back (the usage and audit queries run on the platform meanwhile); "
                                + "whole collection incl. Kafka %.1f s", limited.report().clients(), scale.collectorLimitPerMinute(),
                                limited.apiCalls(), limited.apiSeconds(), achieved, allowedPerSecond, limited.report().throttled(),
                                limited.detailReadsPerSecond() / allowedPerSecond, limited.seconds())));
    }

    /**
     * @param apiSeconds first to last API call the simulator answered for the collector identity: the time the
     *                   rate budget was being spent, without Kafka start-up and publishing around it
     * @param apiCalls API calls the simulator answered for the identity in that time (token requests excluded)
     * @param detailReadsPerSecond the rate while reading client details, the longest phase of back-to-back calls
     */
    private record Run(OrgReport report, double seconds, long apiCalls, double apiSeconds, double detailReadsPerSecond,
                       String phases) {
        double apiCallsPerSecond() {
            return (apiCalls - 1) / apiSeconds;
        }
    }

    /** @param seed a different seed per run: a different org, so nothing is cached or checkpointed from the other run */
    private static Run collect(BenchContext context, String label, int clients, int limitPerMinute, long seed) throws InterruptedException {
        try (GenesysSimulator simulator = GenesysSimulator.builder()
                .orgs(1)
                .clientsPerOrg(clients)
                .seed(seed)
                .identityRateLimit(limitPerMinute)
                .orgRateLimit(0)
                .queryStageDuration(Duration.ofMillis(50))
                .start()) {
            String orgId = simulator.orgIds().get(0);
            ApiIdentity identity = simulator.identity(orgId, IdentityRole.COLLECTOR);
            GenesysClient api = GenesysClient.connect(orgId, Endpoints.local(simulator.baseUrl()),
                    new ClientCredentials(identity.clientId(), identity.secret()),
                    GovernanceConfig.collectorDefaults().withRequestsPerWindow(limitPerMinute));
            OrgTarget target = new OrgTarget(orgId, identity.region(), api);
            try (CollectorApp collector = CollectorApp.start(CollectorApp.Config.once(context.topics(), context.clientConfigs(),
                    CollectorSettings.defaults().withTransactionalId("oauthgov-bench-collector-" + label).withAuditSettle(Duration.ZERO),
                    List.of(target)), line -> { })) {
                collector.awaitFinished();
                // the cycle's own times: reading the previous snapshot and checkpoints at start is not measured
                CollectorStats stats = collector.stats();
                OrgReport report = stats.lastCycle().get(0);
                double seconds = Duration.between(stats.lastStarted().orElseThrow(), stats.lastFinished().orElseThrow()).toNanos() / 1e9;
                if (!report.verified() || report.evidenceError() != null) {
                    throw new IllegalStateException("collection " + label + " failed: " + report.progressLine());
                }
                List<RequestLog.Entry> calls = simulator.requestLog().matching(e -> identity.clientId().equals(e.identity())
                        && e.path().startsWith("/api/"));
                double apiSeconds = Duration.between(calls.get(0).at(), calls.get(calls.size() - 1).at()).toNanos() / 1e9;
                CallPhases phases = new CallPhases(calls);
                context.progress("collector " + label + ", calls by kind (s after the first call): " + phases.describe());
                return new Run(report, seconds, calls.size(), apiSeconds, phases.rate(CallPhases.DETAIL_READS), phases.describe());
            }
        }
    }
}
