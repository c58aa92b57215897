package io.oauthgov.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * How much a growing count gained over the last window, from samples taken whenever it is asked (at each scrape):
 * no thread of its own, and nothing to change in the code that keeps the count. The gain is measured from the
 * newest sample at least one window old (or the oldest, while the history is shorter), scaled to exactly one
 * window. Thread-safe.
 */
public final class SlidingCount {
    private record Sample(Instant at, long count) {}

    private final LongSupplier count;
    private final Duration window;
    private final Clock clock;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    public SlidingCount(LongSupplier count, Duration window, Clock clock) {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.count = count;
        this.window = window;
        this.clock = clock;
    }

    /** The gain over the last window; NaN while only one sample exists (nothing to compare with yet). */
    public synchronized double perWindow() {
        Instant now = clock.instant();
        long current = count.getAsLong();
        Instant windowStart = now.minus(window);
        // keep one sample at or before the window's start, the baseline, and drop the older ones
        while (samples.size() > 1) {
            Sample oldest = samples.removeFirst();
            if (samples.peekFirst().at().isAfter(windowStart)) {
                samples.addFirst(oldest);
                break;
            }
        }
        Sample baseline = samples.peekFirst();
        samples.addLast(new Sample(now, current));
        if (baseline == null || !now.isAfter(baseline.at())) {
            return Double.NaN;
        }
        // scaled to one window: the baseline is rarely exactly one window old
        return (current - baseline.count()) * (double) window.toNanos() / Duration.between(baseline.at(), now).toNanos();
    }
}
