package io.oauthgov.bench;

import io.oauthgov.bench.results.ResultsFile;
import io.oauthgov.bench.results.ResultsTable;
import io.oauthgov.bench.results.RunInfo;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * bench/run's entry point: one run of every registered benchmark (or those named by --only), the ones on the
 * shared broker first, then the broker stopped and the rest; then the JSON file and the table. Exits 1 when a
 * benchmark failed (a missed goal is a result, not a failure).
 */
public final class BenchMain {
    private static final String LOG_CONFIG = "log4j2.configurationFile";

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        // The broker test kit ships a log4j2.yaml, which log4j2 would prefer to an xml of ours: name ours explicitly.
        if (System.getProperty(LOG_CONFIG) == null) {
            System.setProperty(LOG_CONFIG, "bench-log4j2.xml");
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options, System.out));
    }

    static int run(BenchOptions options, PrintStream out) throws Exception {
        RunInfo info = RunInfo.collect(options.scale().mode(), options.command());
        out.printf("oauthgov bench, %s mode, git %s, %d cores%n", info.mode(), info.revisionLabel(), info.cores());
        List<Metric> metrics = new ArrayList<>();
        boolean failed = false;
        long start = System.nanoTime();
        try (BenchContext context = new BenchContext(options, out)) {
            for (boolean withBroker : new boolean[] {true, false}) {
                if (!withBroker) {
                    context.stopBroker();
                }
                for (Benchmark benchmark : BenchmarkRegistry.all()) {
                    if (benchmark.needsBroker() != withBroker) {
                        continue;
                    }
                    failed |= !runOne(benchmark, context, metrics, out);
                }
            }
        }
        Path file = ResultsFile.write(options.outDir(), info, metrics);
        ResultsTable.print(out, info, metrics);
        out.printf("%nRun took %.0f s; results in %s%n", (System.nanoTime() - start) / 1e9, file);
        return failed ? 1 : 0;
    }

    private static boolean runOne(Benchmark benchmark, BenchContext context, List<Metric> metrics, PrintStream out) {
        if (!context.options().selected(benchmark.name())) {
            metrics.add(Metric.notMeasured(benchmark.name(), "", Goal.none(), "not selected (--only)"));
            return true;
        }
        out.printf("[%s]%n", benchmark.name());
        long start = System.nanoTime();
        try {
            for (Metric metric : benchmark.run(context)) {
                context.record(metric);
                metrics.add(metric);
            }
            context.progress(String.format("%s done in %.1f s", benchmark.name(), (System.nanoTime() - start) / 1e9));
            return true;
        } catch (Exception | LinkageError | AssertionError e) {
            // A failing benchmark (even a missing class) is reported in the table; the others still run.
            e.printStackTrace(out);
            metrics.add(Metric.notMeasured(benchmark.name(), "", Goal.none(), "FAILED: " + e));
            return false;
        }
    }
}
