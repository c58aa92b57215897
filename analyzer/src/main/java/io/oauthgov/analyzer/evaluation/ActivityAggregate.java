package io.oauthgov.analyzer.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.EvidenceRelation;
import io.oauthgov.avro.EvidenceSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the analyzer remembers about one client's activity. Built so that applying the same evidence twice
 * (a replay, a resumed collector run, a duplicate) changes nothing: last-use and last-change times are maxima, and
 * request counts are kept per UTC day and <em>put</em>, not added (a usage row is the day's total for the client).
 *
 * @param lastUsageAt latest USED_BY_CLIENT evidence from the usage API
 * @param lastAuditUseAt latest USED_BY_CLIENT evidence from the audit log
 * @param lastChangedAt latest CHANGED_CLIENT evidence (someone changed the client; not use)
 * @param lastChangedBy the actor of {@code lastChangedAt}
 * @param requestsByDay usage-API request totals per UTC day ({@code yyyy-MM-dd}), at most {@link #MAX_DAYS} days
 * @param endpointRequestsByDay the same requests per day broken down by endpoint ({@code "GET api/v2/users"}), from
 *                              usage rows grouped by template URI and HTTP method; a day's total is then the sum of
 *                              its endpoints
 */
public record ActivityAggregate(
        Instant lastUsageAt,
        Instant lastAuditUseAt,
        Instant lastChangedAt,
        String lastChangedBy,
        SortedMap<String, Long> requestsByDay,
        SortedMap<String, SortedMap<String, Long>> endpointRequestsByDay) {

    /** More than a year: any stale window up to the activity topic's 400-day retention can still be summed. */
    public static final int MAX_DAYS = 400;

    public static final ActivityAggregate EMPTY = new ActivityAggregate(null, null, null, null, new TreeMap<>(),
            new TreeMap<>());

    public ActivityAggregate {
        requestsByDay = requestsByDay == null ? new TreeMap<>() : new TreeMap<>(requestsByDay);
        endpointRequestsByDay = endpointRequestsByDay == null ? new TreeMap<>() : new TreeMap<>(endpointRequestsByDay);
    }


    /** This aggregate with one more piece of evidence applied; idempotent. */
    public ActivityAggregate with(ActivityEvidence evidence) {
        Instant at = evidence.getEventAt();
        if (evidence.getRelation() == EvidenceRelation.COVERAGE) {
            return this; // says what was read, not that anything was used
        }
        if (evidence.getRelation() == EvidenceRelation.CHANGED_CLIENT) {
            if (lastChangedAt == null || at.isAfter(lastChangedAt)) {
                return new ActivityAggregate(lastUsageAt, lastAuditUseAt, at, actor(evidence), requestsByDay,
                        endpointRequestsByDay);
            }
            return this;
        }
        if (evidence.getSource() == EvidenceSource.AUDIT) {
            return new ActivityAggregate(lastUsageAt, max(lastAuditUseAt, at), lastChangedAt, lastChangedBy, requestsByDay,
                    endpointRequestsByDay);
        }
        String day = day(at);
        TreeMap<String, Long> days = new TreeMap<>(requestsByDay);
        TreeMap<String, SortedMap<String, Long>> endpoints = new TreeMap<>(endpointRequestsByDay);
        if (evidence.getTemplateUri() != null) {
            TreeMap<String, Long> ofDay = new TreeMap<>(endpoints.getOrDefault(day, new TreeMap<>()));
            ofDay.put(Endpoint.key(evidence.getHttpMethod(), evidence.getTemplateUri()), evidence.getRequests());
            endpoints.put(day, ofDay);
            days.put(day, ofDay.values().stream().mapToLong(Long::longValue).sum());
        } else {
            days.put(day, evidence.getRequests());
        }
        while (days.size() > MAX_DAYS) {
            days.pollFirstEntry();
        }
        while (endpoints.size() > MAX_DAYS) {
            endpoints.pollFirstEntry();
        }
        return new ActivityAggregate(max(lastUsageAt, at), lastAuditUseAt, lastChangedAt, lastChangedBy, days, endpoints);
    }

    /** Requests per endpoint on the UTC days from {@code from}'s day on; empty when usage came without endpoints. */
    public Map<Endpoint, Long> requestsByEndpointSince(Instant from) {
        Map<Endpoint, Long> sums = new TreeMap<>();
        endpointRequestsByDay.tailMap(day(from)).values().forEach(ofDay -> ofDay.forEach((key, requests) ->
                sums.merge(Endpoint.parse(key), requests, Long::sum)));
        return sums;
    }

    /** The last use from either source; null when no use was ever seen. */
    @JsonIgnore
    public Instant lastUsedAt() {
        return max(lastUsageAt, lastAuditUseAt);
    }

    /** Requests the usage API reported on the UTC days from {@code from}'s day on. */
    public long requestsSince(Instant from) {
        return requestsByDay.tailMap(day(from)).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Read-only view for tests and reports. */
    public Map<String, Long> requestsPerDay() {
        return java.util.Collections.unmodifiableSortedMap(requestsByDay);
    }

    private static String actor(ActivityEvidence evidence) {
        if (evidence.getActorName() != null) {
            return evidence.getActorName() + (evidence.getActorId() == null ? "" : " (" + evidence.getActorId() + ")");
        }
        return evidence.getActorId();
    }

    private static String day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    private static Instant max(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
