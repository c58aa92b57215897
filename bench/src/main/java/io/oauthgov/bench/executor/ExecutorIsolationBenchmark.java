package io.oauthgov.bench.executor;

import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.bench.BenchContext;
import io.oauthgov.bench.Benchmark;
import io.oauthgov.bench.Goal;
import io.oauthgov.bench.Metric;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.simulator.faults.FaultLimit;
import io.oauthgov.simulator.faults.FaultTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * One identity meets a 429 storm (every call refused with Retry-After: 1 s for the first half of the run) while three
 * others work through their approvals in the same executor instance. The metric is the lowest utilisation among the
 * three others: a storm on one identity must not slow another.
 */
public final class ExecutorIsolationBenchmark implements Benchmark {
    public static final String ISOLATION = "isolation";

    @Override
    public String name() {
        return "executor-isolation";
    }

    @Override
    public List<Metric> run(BenchContext context) throws Exception {
        ExecutorScale scale = ExecutorScale.of(context.scale());
        try (ExecutorWorkload workload = new ExecutorWorkload(ExecutorBudgetBenchmark.IDENTITIES, scale.approvalsPerIdentity() + 10,
                scale.limitPerWindow(), scale.window(), 13)) {
            List<GenesysClient> identities = new ArrayList<>();
            List<ApprovedDeletion> approvals = new ArrayList<>();
            for (String orgId : workload.simulator.orgIds()) {
                identities.add(workload.executorApi(orgId, GovernanceConfig.defaults().withRequestsPerWindow(scale.limitPerWindow())
                        .withWindow(scale.window())));
                approvals.addAll(workload.approveAll(orgId).subList(0, scale.approvalsPerIdentity()));
            }
            GenesysClient stormy = identities.get(0);
            double runSeconds = scale.approvalsPerIdentity() / workload.allowedCallsPerSecond();
            Duration storm = Duration.ofMillis((long) (runSeconds * 500));
            try (OutcomeWatcher watcher = new OutcomeWatcher(context);
                 KafkaProducer<byte[], byte[]> producer = ExecutorWorkload.producer(context)) {
                workload.simulator.faults().throttle(FaultTarget.identity(stormy.identity().clientId()), FaultLimit.lasting(storm), 1);
                approvals.forEach(a -> ExecutorWorkload.send(producer, context, a));
                producer.flush();
                try (var running = ExecutorWorkload.start(context, identities)) {
                    if (!watcher.awaitCount(approvals.size(), Duration.ofMinutes(5))) {
                        throw new IllegalStateException("isolation: only " + watcher.count() + " of " + approvals.size() + " outcomes");
                    }
                }
            }
            List<Double> others = identities.subList(1, identities.size()).stream()
                    .map(api -> workload.utilisation(api.identity().clientId())).toList();
            long storm429 = workload.throttled(stormy.identity().clientId());
            String note = String.format("3 identities beside one under a %.1f s 429 storm (Retry-After 1 s, %d x 429 met, all its %d "
                            + "approvals finished after it): their utilisation %s at %.0f calls/s allowed each", storm.toMillis() / 1000.0,
                    storm429, scale.approvalsPerIdentity(), others.stream().map(u -> String.format("%.3f", u)).collect(Collectors.joining(" / ")),
                    workload.allowedCallsPerSecond());
            context.progress("executor isolation: " + note);
            return List.of(Metric.of(ISOLATION, others.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), "ratio",
                    Goal.atLeast(0.90, "others ≥ 0.9 while one identity meets a 429 storm"), note));
        }
    }
}
