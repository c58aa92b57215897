package io.oauthgov.bench.demo;

import io.oauthgov.bench.BenchContext;
import io.oauthgov.bench.Benchmark;
import io.oauthgov.bench.Goal;
import io.oauthgov.bench.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./oauthgov demo} (2,000 clients) as a user runs it: the built CLI jar in a child JVM with the launcher's
 * JVM options for the demo ({@code OAUTHGOV_JAVA_OPTS}, default {@code -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1}), timed from process start to
 * exit, its peak RSS polled from /proc. It runs after the run's broker stopped, so nothing else competes. The jar is
 * run directly rather than through ./oauthgov, whose rebuild-on-change would otherwise land inside the timing;
 * bench/run builds the jar first.
 */
public final class DemoBenchmark implements Benchmark {
    public static final String WALL = "demo_wall_s";
    public static final String PEAK_RSS = "demo_peak_rss_mb";
    private static final Goal WALL_GOAL = Goal.below(20, "< 20 s");
    private static final Goal RSS_GOAL = Goal.below(800, "< 800 MB");
    private static final long TIMEOUT_SECONDS = 300;

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public boolean needsBroker() {
        return false;
    }

    @Override
    public List<Metric> run(BenchContext context) throws Exception {
        if (!context.scale().demo()) {
            String why = "not measured in quick mode (the ~40 s demo would take the run past 3 minutes); bench/run measures it";
            return List.of(Metric.notMeasured(WALL, "s", WALL_GOAL, why), Metric.notMeasured(PEAK_RSS, "MB", RSS_GOAL, why));
        }
        Path jar = context.options().cliJar();
        if (jar == null || !Files.isRegularFile(jar)) {
            String why = jar == null ? "no --cli-jar given (bench/run passes cli/target/oauthgov.jar when it builds)"
                    : "CLI jar " + jar + " not found";
            return List.of(Metric.notMeasured(WALL, "s", WALL_GOAL, why), Metric.notMeasured(PEAK_RSS, "MB", RSS_GOAL, why));
        }
        Path log = context.scratch().resolve("demo.log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(Arrays.asList(javaOptions().trim().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString(), "demo", "--report", context.scratch().resolve("demo-report").toString()));

        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long peakKb = 0;
        while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
            peakKb = Math.max(peakKb, PeakRss.kilobytes(process.pid()).orElse(0L));
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the demo did not finish within " + TIMEOUT_SECONDS + " s; log " + log);
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the demo exited " + process.exitValue() + "; last lines:\n" + tail(log, 15));
        }
        String how = "2,000 clients, 1 org; java " + javaOptions().trim() + " -jar " + context.options().cliJar().getFileName()
                + " demo; exit 0 (verdicts match the ground truth); the demo's own phase timings: " + phaseTimings(log);
        return List.of(
                Metric.of(WALL, wall, "s", WALL_GOAL, how + "; JVM start to exit"),
                Metric.of(PEAK_RSS, peakKb / 1024.0, "MB", RSS_GOAL, "VmHWM of the demo JVM, polled every 100 ms"));
    }

    /** The launcher's JVM options, as ./oauthgov sets them for {@code demo} (C1 only: the run ends before C2 pays off). */
    static String javaOptions() {
        String configured = System.getenv("OAUTHGOV_JAVA_OPTS");
        return configured == null || configured.isBlank() ? "-Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1" : configured;
    }

    /** The demo's "Phase timings" block folded onto one line ("collect ... 12.6 s; analyze ... 18.5 s; ..."). */
    static String phaseTimings(Path log) throws IOException {
        List<String> phases = new ArrayList<>();
        boolean inside = false;
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("Phase timings")) {
                inside = true;
            } else if (inside && line.isBlank()) {
                break;
            } else if (inside) {
                phases.add(line.trim().replaceAll("\\s{2,}", " "));
            }
        }
        return phases.isEmpty() ? "(none printed)" : String.join("; ", phases);
    }

    private static String tail(Path log, int lines) throws IOException {
        List<String> all = Files.readAllLines(log);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
