package io.oauthgov.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.oauthgov.simulator.model.UsageQuery;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** Parses and validates a usage query body: {@code {interval, granularity, metrics[], groupBy[]}}. */
final class UsageQueryParser {

    /** Either a query or the reason the body is invalid. */
    record Parsed(UsageQuery query, Set<String> metrics, String error) {
    }

    static final Set<String> METRICS = Set.of("Status200", "Status300", "Status400", "Status500", "Status429",
            "Requests");

    private UsageQueryParser() {
    }

    static Parsed parse(JsonNode body) {
        if (body == null || !body.hasNonNull("interval")) {
            return error("interval is required");
        }
        Instant[] interval = Intervals.parse(body.get("interval").asText());
        if (interval == null) {
            return error("interval must be ISO-8601 start/end");
        }
        UsageQuery.Granularity granularity;
        try {
            granularity = UsageQuery.Granularity.valueOf(body.path("granularity").asText("Day"));
        } catch (IllegalArgumentException e) {
            return error("granularity must be one of Day, Week, Month");
        }
        Set<String> metrics = new LinkedHashSet<>();
        for (JsonNode metric : body.path("metrics")) {
            if (!METRICS.contains(metric.asText())) {
                return error("unknown metric " + metric.asText());
            }
            metrics.add(metric.asText());
        }
        Set<UsageQuery.GroupBy> groupBy = EnumSet.noneOf(UsageQuery.GroupBy.class);
        for (JsonNode dimension : body.path("groupBy")) {
            try {
                groupBy.add(UsageQuery.GroupBy.valueOf(dimension.asText()));
            } catch (IllegalArgumentException e) {
                return error("unknown groupBy " + dimension.asText());
            }
        }
        return new Parsed(new UsageQuery(interval[0], interval[1], granularity, groupBy),
                metrics.isEmpty() ? METRICS : metrics, null);
    }

    private static Parsed error(String message) {
        return new Parsed(null, null, message);
    }

    /** ISO-8601 interval parsing shared by usage and audit queries. */
    static final class Intervals {
        private Intervals() {
        }

        /** [start, end) or null when malformed or empty. */
        static Instant[] parse(String interval) {
            String[] parts = interval.split("/");
            if (parts.length != 2) {
                return null;
            }
            try {
                Instant start = parseInstant(parts[0]);
                Instant end = parseInstant(parts[1]);
                return end.isAfter(start) ? new Instant[] {start, end} : null;
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        private static Instant parseInstant(String text) {
            if (text.length() == 10) {
                return java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            }
            return java.time.OffsetDateTime.parse(text).toInstant();
        }
    }
}
