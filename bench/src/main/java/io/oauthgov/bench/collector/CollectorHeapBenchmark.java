package io.oauthgov.bench.collector;

import io.oauthgov.bench.BenchContext;
import io.oauthgov.bench.Benchmark;
import io.oauthgov.bench.Goal;
import io.oauthgov.bench.Metric;
import io.oauthgov.collector.CollectorApp;
import io.oauthgov.collector.CollectorSettings;
import io.oauthgov.collector.OrgReport;
import io.oauthgov.collector.OrgTarget;
import io.oauthgov.genesys.ClientCredentials;
import io.oauthgov.genesys.Endpoints;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.IdentityRole;
import java.time.Duration;
import java.util.List;

/**
 * collector_peak_heap_mb: how far one cold collection of a 20,000-client organization with 180 days of usage grows
 * the heap (the size, in quick and full mode alike). The simulator lives in the same JVM, so its own state
 * is in the baseline, taken after a full collection once it was built; the value is the highest live heap sampled
 * during the run (a full collection every 250 ms, {@link LiveHeapPeak}) minus that baseline: what the collector kept
 * reachable at once.
 */
public final class CollectorHeapBenchmark implements Benchmark {
    public static final String PEAK_HEAP = "collector_peak_heap_mb";
    private static final int CLIENTS = 20_000;
    private static final int NO_LIMIT = 10_000_000;

    @Override
    public String name() {
        return "collector-heap";
    }

    @Override
    public List<Metric> run(BenchContext context) throws Exception {
        try (GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(CLIENTS).seed(20).identityRateLimit(NO_LIMIT)
                .orgRateLimit(0).queryStageDuration(Duration.ofMillis(50)).start()) {
            String orgId = simulator.orgIds().get(0);
            ApiIdentity identity = simulator.identity(orgId, IdentityRole.COLLECTOR);
            OrgTarget target = new OrgTarget(orgId, identity.region(), GenesysClient.connect(orgId, Endpoints.local(simulator.baseUrl()),
                    new ClientCredentials(identity.clientId(), identity.secret()), GovernanceConfig.collectorDefaults().withRequestsPerWindow(NO_LIMIT)));
            CollectorSettings settings = CollectorSettings.defaults().withTransactionalId("oauthgov-bench-heap").withAuditSettle(Duration.ZERO);
            OrgReport report;
            long growth;
            long baseline;
            try (LiveHeapPeak heap = new LiveHeapPeak()) {
                report = CollectorApp.collectOnce(CollectorApp.Config.once(context.topics(), context.clientConfigs(), settings,
                        List.of(target)), line -> { }).get(0);
                growth = heap.growth();
                baseline = heap.baseline();
            }
            if (!report.verified() || report.evidenceError() != null) {
                throw new IllegalStateException("collection failed: " + report.progressLine());
            }
            double mb = growth / (1024.0 * 1024.0);
            context.progress(String.format("collector heap: %,d clients, %,d usage + %,d audit evidence, peak heap growth %.0f MB "
                    + "(baseline %.0f MB with the simulator)", report.clients(), report.usageEvidence(), report.auditEvidence(), mb,
                    baseline / (1024.0 * 1024.0)));
            return List.of(Metric.of(PEAK_HEAP, mb, "MB", Goal.atMost(512, "≤ 512 MB"),
                    String.format("%,d clients, 180 days of usage, cold: %,d usage + %,d audit evidence records; highest live heap "
                                    + "(sampled after a full GC every 250 ms) during the collection minus the baseline after a full GC "
                                    + "before it (%.0f MB: broker, simulator)",
                            report.clients(), report.usageEvidence(), report.auditEvidence(), baseline / (1024.0 * 1024.0))));
        }
    }
}
