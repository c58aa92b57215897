package io.oauthgov.bench;

/**
 * What a metric should reach, as the issue states it: at least, at most or below a threshold, or nothing (a
 * ceiling or context number). {@link #text} is what the table prints, so a goal with conditions a single number
 * cannot express (e.g. "0 × 429") still reads as the issue says it.
 */
public record Goal(Kind kind, double threshold, String text) {
    public enum Kind { NONE, AT_LEAST, AT_MOST, BELOW }

    public static Goal none() {
        return new Goal(Kind.NONE, Double.NaN, "—");
    }

    public static Goal none(String text) {
        return new Goal(Kind.NONE, Double.NaN, text);
    }

    public static Goal atLeast(double threshold, String text) {
        return new Goal(Kind.AT_LEAST, threshold, text);
    }

    public static Goal atMost(double threshold, String text) {
        return new Goal(Kind.AT_MOST, threshold, text);
    }

    public static Goal below(double threshold, String text) {
        return new Goal(Kind.BELOW, threshold, text);
    }

    /** Null when there is no goal or no value to judge. */
    public Boolean met(Double value) {
        if (kind == Kind.NONE || value == null || value.isNaN()) {
            return null;
        }
        return switch (kind) {
            case AT_LEAST -> value >= threshold;
            case AT_MOST -> value <= threshold;
            case BELOW -> value < threshold;
            case NONE -> null;
        };
    }
}
