package io.oauthgov.bench.jmh;

import io.oauthgov.bench.BenchContext;
import io.oauthgov.bench.Benchmark;
import io.oauthgov.bench.Goal;
import io.oauthgov.bench.Metric;
import io.oauthgov.bench.Scale;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs {@link PolicyEvaluationJmh} in one forked JVM (JMH's own isolation) and reports nanoseconds per client. */
public final class PolicyMicroBenchmark implements Benchmark {
    public static final String NS_PER_CLIENT = "policy_eval_ns_per_client";

    @Override
    public String name() {
        return "jmh";
    }

    @Override
    public boolean needsBroker() {
        return false;
    }

    @Override
    public List<Metric> run(BenchContext context) throws Exception {
        Scale scale = context.scale();
        Options options = new OptionsBuilder()
                .include(PolicyEvaluationJmh.class.getName() + ".evaluateOneClient")
                .forks(1)
                .jvmArgs("-Xmx512m")
                .warmupIterations(scale.jmhWarmupIterations())
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(scale.jmhMeasurementIterations())
                .measurementTime(TimeValue.seconds(scale.quick() ? 1 : 2))
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        if (results.isEmpty()) {
            throw new IllegalStateException("JMH produced no result");
        }
        Result<?> primary = results.iterator().next().getPrimaryResult();
        return List.of(Metric.of(NS_PER_CLIENT, primary.getScore(), "ns/client", Goal.none(), String.format(
                "JMH 1.37, PolicyEvaluator.evaluate incl. SHA-256 fingerprint, 4,096 rotating clients; 1 fork, %d x 1 s "
                        + "warm-up, %d x %d s measured; ± %.0f ns (99.9%% CI)", scale.jmhWarmupIterations(),
                scale.jmhMeasurementIterations(), scale.quick() ? 1 : 2, primary.getScoreError())));
    }
}
