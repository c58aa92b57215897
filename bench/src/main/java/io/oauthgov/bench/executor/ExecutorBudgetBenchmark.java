package io.oauthgov.bench.executor;

import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.bench.BenchContext;
import io.oauthgov.bench.Benchmark;
import io.oauthgov.bench.Goal;
import io.oauthgov.bench.Metric;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.governance.GovernanceConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * How much of the rate budget the executor uses: four identities (one per org), each with a pile of approved
 * deletions, executed in dry run so each approval is exactly one API call. Utilisation is each identity's calls per
 * second from its first to its last call (the simulator's request log) over the allowed rate; the metric is the
 * lowest of the four. Twice: with the limit configured (known), and starting from a guess five times too high that
 * the governor must correct from the {@code inin-ratelimit-*} headers (learned).
 */
public final class ExecutorBudgetBenchmark implements Benchmark {
    public static final String KNOWN = "executor_budget_utilisation";
    public static final String LEARNED = "executor_budget_utilisation_learned";
    static final int IDENTITIES = 4;

    @Override
    public String name() {
        return "executor-budget";
    }

    @Override
    public List<Metric> run(BenchContext context) throws Exception {
        ExecutorRunResult known = measure(context, "known", 1, 11);
        ExecutorRunResult learned = measure(context, "learned", 5, 12);
        return List.of(
                Metric.of(KNOWN, known.lowest(), "ratio", Goal.atLeast(0.95, "≥ 0.95 with 0 × 429 (4 identities, known limits)"),
                        known.note()),
                Metric.of(LEARNED, learned.lowest(), "ratio", Goal.atLeast(0.90, "≥ 0.90, 429s ≤ 1 % of calls (limits learned from headers)"),
                        learned.note()));
    }

    /** @param guessFactor the limit the executor starts from, as a multiple of the real one */
    private static ExecutorRunResult measure(BenchContext context, String label, int guessFactor, long seed) throws Exception {
        ExecutorScale scale = ExecutorScale.of(context.scale());
        try (ExecutorWorkload workload = new ExecutorWorkload(IDENTITIES, scale.approvalsPerIdentity() + 10, scale.limitPerWindow(),
                scale.window(), seed)) {
            List<GenesysClient> identities = new ArrayList<>();
            List<ApprovedDeletion> approvals = new ArrayList<>();
            for (String orgId : workload.simulator.orgIds()) {
                identities.add(workload.executorApi(orgId, GovernanceConfig.defaults()
                        .withRequestsPerWindow(scale.limitPerWindow() * guessFactor).withWindow(scale.window())));
                approvals.addAll(workload.approveAll(orgId).subList(0, scale.approvalsPerIdentity()));
            }
            try (OutcomeWatcher watcher = new OutcomeWatcher(context);
                 KafkaProducer<byte[], byte[]> producer = ExecutorWorkload.producer(context)) {
                approvals.forEach(a -> ExecutorWorkload.send(producer, context, a));
                producer.flush();
                try (var running = ExecutorWorkload.start(context, identities)) {
                    if (!watcher.awaitCount(approvals.size(), Duration.ofMinutes(5))) {
                        throw new IllegalStateException("executor-budget " + label + ": only " + watcher.count() + " of "
                                + approvals.size() + " outcomes within 5 minutes");
                    }
                }
            }
            ExecutorRunResult result = ExecutorRunResult.of(workload, identities, approvals.size(), label);
            context.progress("executor budget, " + label + ": " + result.note());
            return result;
        }
    }

    /** Per identity: utilisation, calls and 429s. */
    record ExecutorRunResult(String label, List<Double> utilisations, long calls, long throttled, int approvals, double allowedPerSecond) {
        static ExecutorRunResult of(ExecutorWorkload workload, List<GenesysClient> identities, int approvals, String label) {
            List<Double> utilisations = new ArrayList<>();
            long calls = 0;
            long throttled = 0;
            for (GenesysClient api : identities) {
                String id = api.identity().clientId();
                utilisations.add(workload.utilisation(id));
                calls += workload.callsOf(id).size();
                throttled += workload.throttled(id);
            }
            return new ExecutorRunResult(label, utilisations, calls, throttled, approvals, workload.allowedCallsPerSecond());
        }

        double lowest() {
            return utilisations.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        }

        String note() {
            return String.format("%s limits: %d identities x %d approvals (dry run: 1 call each) at %.0f calls/s allowed each; "
                            + "utilisation per identity %s; %,d calls, %d x 429 (%.2f %%)", label, utilisations.size(),
                    approvals / utilisations.size(), allowedPerSecond,
                    utilisations.stream().map(u -> String.format("%.3f", u)).collect(Collectors.joining(" / ")),
                    calls, throttled, 100.0 * throttled / Math.max(1, calls));
        }
    }
}
