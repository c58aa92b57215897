package io.oauthgov.bench.collector;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live heap at its highest while it watches: a sampler runs a full collection every {@link #INTERVAL_MS} ms and
 * reads the heap in use right after it — what is still reachable then, without the garbage a young collection
 * leaves in the old generation. Measured against a baseline taken the same way at the start, it says how much the
 * work kept reachable at once. The full collections slow the work down; this measures memory, not speed.
 */
final class LiveHeapPeak implements AutoCloseable {
    private static final long INTERVAL_MS = 250;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final long baseline;
    private final Thread sampler;
    private volatile boolean running = true;

    LiveHeapPeak() {
        baseline = liveHeap();
        sampler = new Thread(() -> {
            while (running) {
                peak.accumulateAndGet(liveHeap(), Math::max);
                try {
                    Thread.sleep(INTERVAL_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-live-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private long liveHeap() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The heap in use after the start's full collection, in bytes. */
    long baseline() {
        return baseline;
    }

    /** The highest live heap sampled so far minus the baseline, in bytes. */
    long growth() {
        return Math.max(0, peak.get() - baseline);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
    }
}
