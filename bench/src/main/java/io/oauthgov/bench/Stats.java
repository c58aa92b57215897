package io.oauthgov.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The few statistics the harness reports: median of repetitions and their spread. */
public final class Stats {
    private Stats() {}

    /** The middle value; the mean of the two middle values for an even count. */
    public static double median(List<Double> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("median of no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }

    /** (max − min) / median, e.g. 0.08 for repetitions within 8 % of each other; 0 for one value. */
    public static double relativeSpread(List<Double> values) {
        double median = median(values);
        if (median == 0) {
            return 0;
        }
        return (Collections.max(values) - Collections.min(values)) / median;
    }

    /** Events per second for {@code count} events in {@code nanos}. */
    public static double perSecond(long count, long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("elapsed time must be positive, was " + nanos + " ns");
        }
        return count * 1_000_000_000.0 / nanos;
    }
}
