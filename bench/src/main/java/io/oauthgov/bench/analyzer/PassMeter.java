package io.oauthgov.bench.analyzer;

/**
 * Measures one analyzer pass: wall time, and enough CPU accounting to say whether the stream thread computed or
 * waited, how busy the whole JVM was, how long its threads queued for a core, and which threads took the CPU.
 * Read {@link #stop} before the analyzer is closed: a closed stream thread no longer reports its CPU time.
 */
final class PassMeter {
    private final String streamThreadPrefix;
    private final long start = System.nanoTime();
    private final long streamCpu;
    private final long processCpu;
    private final long queued;
    private final ThreadCpuBreakdown threads = new ThreadCpuBreakdown();

    private PassMeter(String streamThreadPrefix) {
        this.streamThreadPrefix = streamThreadPrefix;
        this.streamCpu = CpuTime.ofThreadsNamed(streamThreadPrefix);
        this.processCpu = CpuTime.ofProcess();
        this.queued = CpuTime.runQueueWait();
    }

    static PassMeter start(String streamThreadPrefix) {
        return new PassMeter(streamThreadPrefix);
    }

    /** @param endNanos {@link System#nanoTime()} at which the pass was seen complete */
    Measured stop(long endNanos) {
        long wall = endNanos - start;
        return new Measured(start, wall, (double) (CpuTime.ofThreadsNamed(streamThreadPrefix) - streamCpu) / wall,
                (double) (CpuTime.ofProcess() - processCpu) / wall, (double) (CpuTime.runQueueWait() - queued) / wall,
                threads.since(wall, 7));
    }

    /**
     * @param streamThreadBusy the stream thread's CPU time as a share of the wall time
     * @param processCores the JVM's CPU time over the wall time (2.0 = both cores of a 2-core machine)
     * @param queuedCores run-queue wait of the JVM's threads over the wall time: threads that were ready but had no core
     */
    record Measured(long startNanos, long wallNanos, double streamThreadBusy, double processCores, double queuedCores,
                    String threadShares) {
        String describe() {
            return String.format("stream thread on CPU %.0f%% of it; JVM on %.2f cores, its threads queued for a core %.2f"
                    + "%n      CPU by thread, as %% of the pass: %s", 100 * streamThreadBusy, processCores, queuedCores, threadShares);
        }
    }
}
