package io.oauthgov.bench;

import io.oauthgov.analyzer.topology.AnalyzerSerdeBenchmark;
import io.oauthgov.bench.analyzer.AnalyzerBenchmark;
import io.oauthgov.bench.collector.CollectorBenchmark;
import io.oauthgov.bench.collector.CollectorHeapBenchmark;
import io.oauthgov.bench.collector.FleetCollectorBenchmark;
import io.oauthgov.bench.executor.ExecutorBudgetBenchmark;
import io.oauthgov.bench.executor.ExecutorIsolationBenchmark;
import io.oauthgov.bench.executor.ExecutorLatencyBenchmark;
import io.oauthgov.bench.demo.DemoBenchmark;
import io.oauthgov.bench.jmh.PolicyMicroBenchmark;
import io.oauthgov.bench.raw.RawThroughputBenchmark;
import java.util.List;

/**
 * Every measurement of a run, in run order: the broker's raw ceiling first (the analyzer's ratio needs it), then
 * the stages on the same broker, then what needs no broker (JMH forks a JVM, the demo starts its own broker).
 */
public final class BenchmarkRegistry {
    private BenchmarkRegistry() {}

    public static List<Benchmark> all() {
        return List.of(
                new RawThroughputBenchmark(),
                new AnalyzerBenchmark(),
                new CollectorBenchmark(),
                new FleetCollectorBenchmark(),
                new CollectorHeapBenchmark(),
                new ExecutorBudgetBenchmark(),
                new ExecutorIsolationBenchmark(),
                new ExecutorLatencyBenchmark(),
                new PolicyMicroBenchmark(),
                new AnalyzerSerdeBenchmark(),
                new DemoBenchmark());
    }
}
