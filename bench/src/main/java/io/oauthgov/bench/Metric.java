package io.oauthgov.bench;

import java.util.List;

/**
 * One measured number with its unit and goal. {@code value} is null when the metric was not measured in this run
 * (pending work, skipped in quick mode, failed); {@code note} then says why, and otherwise says what exactly was
 * measured (sizes, repetitions, spread) so a reader never has to guess what a number means.
 *
 * @param samples every repetition's value, in run order ({@code value} is their median); empty when not repeated
 */
public record Metric(String name, Double value, String unit, Goal goal, String note, List<Double> samples) {
    public Metric {
        samples = samples == null ? List.of() : List.copyOf(samples);
    }

    public static Metric of(String name, double value, String unit, Goal goal, String note) {
        return new Metric(name, value, unit, goal, note, List.of());
    }

    /** The median of repeated samples. */
    public static Metric median(String name, List<Double> samples, String unit, Goal goal, String note) {
        return new Metric(name, Stats.median(samples), unit, goal, note, samples);
    }

    public static Metric notMeasured(String name, String unit, Goal goal, String why) {
        return new Metric(name, null, unit, goal, why, List.of());
    }

    public Boolean goalMet() {
        return goal.met(value);
    }
}
