package io.oauthgov.simulator.model;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;

/** A parsed usage query: interval, bucket granularity and the dimensions to group by. */
public record UsageQuery(Instant from, Instant to, Granularity granularity, Set<GroupBy> groupBy) {

    public enum Granularity {
        Day, Week, Month;

        /** Start of the bucket a day falls into; weeks start on Monday, months on the 1st, all in UTC. */
        public LocalDate bucketOf(LocalDate day) {
            return switch (this) {
                case Day -> day;
                case Week -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case Month -> day.withDayOfMonth(1);
            };
        }
    }

    public enum GroupBy { OAuthClientId, OrganizationId, TemplateUri, HttpMethod }

    public boolean covers(LocalDate day) {
        return !day.isBefore(firstDay()) && !day.isAfter(lastDay());
    }

    /** The first UTC day the interval touches: a query counts whole days, from the start of {@code from}'s day. */
    public LocalDate firstDay() {
        return from.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** The last UTC day that starts before {@code to}. */
    public LocalDate lastDay() {
        return to.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
    }
}
