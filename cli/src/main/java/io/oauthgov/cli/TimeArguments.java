package io.oauthgov.cli;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** How every command reads durations (15m, 7d) and points in time (an instant, a UTC date, or an age like 30d). */
public final class TimeArguments {
    static final String HINT = "use an ISO instant (2025-01-31T00:00:00Z), a UTC date (2025-01-31) or an age (30d, 12h)";

    private TimeArguments() {}

    /** Longer than any duration a command means (a century): beyond it, it is a typo, and instants would overflow. */
    static final Duration MAX_DURATION = Duration.ofDays(36_500);

    /** A duration as the commands and the deployment file write it (3d, 12h, 15m, 10s): the inverse of {@link #duration}. */
    public static String text(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + "d";
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + "h";
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + "m";
        }
        return d.toSeconds() + "s";
    }

    static Duration duration(String text, String option, boolean zeroAllowed) {
        var matcher = java.util.regex.Pattern.compile("(\\d+)\\s*([smhd])").matcher(text.trim());
        if (!matcher.matches()) {
            throw new UserError(option + " takes a number and a unit (s, m, h, d), got '" + text + "'", "e.g. " + option + " 15m");
        }
        Duration duration;
        try {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            duration = null; // more digits than a long holds, or more seconds than a Duration holds
        }
        if (duration == null || duration.compareTo(MAX_DURATION) > 0) {
            throw new UserError(option + " '" + text + "' is too long: at most " + MAX_DURATION.toDays() + "d",
                    "e.g. " + option + " 15m");
        }
        if (duration.isZero() && !zeroAllowed) {
            throw new UserError(option + " must be positive", "e.g. " + option + " 15m");
        }
        return duration;
    }

    /** An ISO instant or offset date-time, a UTC date (its start), or an age like 30d before {@code reference}. */
    static Instant instant(String text, String option, Instant reference) {
        String value = text.trim();
        if (value.matches("\\d+\\s*[smhd]")) {
            return reference.minus(duration(value, option, true));
        }
        try {
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw new UserError(option + " '" + text + "' is not a time", HINT);
        }
    }
}
