package io.oauthgov.cli.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Announces each phase as it starts and remembers how long it took, for the summary and report.json. */
public final class PhaseTimer {
    private final PrintWriter out;
    private final Map<String, Duration> durations = new LinkedHashMap<>();

    public PhaseTimer(PrintWriter out) {
        this.out = out;
    }

    public <T> T run(String phase, PhaseBody<T> body) throws Exception {
        out.printf("==> %s%n", phase);
        out.flush(); // a reader watching the demo sees each phase as it starts, not all of them at the end
        long start = System.nanoTime();
        try {
            return body.run();
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            durations.put(phase, took);
            out.printf("    %s done in %.1f s%n", phase, took.toMillis() / 1000.0);
            out.flush();
        }
    }

    public Map<String, Duration> durations() {
        return durations;
    }

    @FunctionalInterface
    public interface PhaseBody<T> {
        T run() throws Exception;
    }
}
