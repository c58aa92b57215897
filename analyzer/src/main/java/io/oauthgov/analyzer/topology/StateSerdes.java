package io.oauthgov.analyzer.topology;

import io.oauthgov.analyzer.evaluation.ActivityAggregate;
import io.oauthgov.avro.state.ActivityAggregateState;
import io.oauthgov.avro.state.CandidateStateRecord;
import io.oauthgov.avro.state.DayEndpointRequests;
import io.oauthgov.avro.state.DayRequests;
import io.oauthgov.avro.state.EndpointRequests;
import io.oauthgov.avro.state.StoredVerdictState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;

/**
 * The versioned binary serdes of the per-client state values, and their mapping onto the state schemas. Days,
 * {@code yyyy-MM-dd} strings in the aggregate, are stored as epoch days (three bytes instead of eleven); each
 * endpoint text is stored once per aggregate and referred to by index from every day that names it.
 */
final class StateSerdes {
    private StateSerdes() {}

    static Serde<ActivityAggregate> activity() {
        return new VersionedStateSerde<>(ActivityAggregate.class, ActivityAggregateState.class,
                StateSerdes::toState, StateSerdes::fromState);
    }

    static Serde<StoredVerdict> verdicts() {
        return new VersionedStateSerde<>(StoredVerdict.class, StoredVerdictState.class,
                StateSerdes::toState, StateSerdes::fromState);
    }

    static ActivityAggregateState toState(ActivityAggregate aggregate) {
        List<DayRequests> days = new ArrayList<>(aggregate.requestsByDay().size());
        aggregate.requestsByDay().forEach((day, requests) -> days.add(new DayRequests(epochDay(day), requests)));
        List<String> endpoints = new ArrayList<>();
        Map<String, Integer> indexes = new HashMap<>();
        List<DayEndpointRequests> endpointDays = new ArrayList<>(aggregate.endpointRequestsByDay().size());
        aggregate.endpointRequestsByDay().forEach((day, ofDay) -> {
            List<EndpointRequests> entries = new ArrayList<>(ofDay.size());
            ofDay.forEach((endpoint, requests) -> entries.add(new EndpointRequests(indexes.computeIfAbsent(endpoint, e -> {
                endpoints.add(e);
                return endpoints.size() - 1;
            }), requests)));
            endpointDays.add(new DayEndpointRequests(epochDay(day), entries));
        });
        return new ActivityAggregateState(millis(aggregate.lastUsageAt()), millis(aggregate.lastAuditUseAt()),
                millis(aggregate.lastChangedAt()), aggregate.lastChangedBy(), days, endpoints, endpointDays);
    }

    static ActivityAggregate fromState(ActivityAggregateState state) {
        Map<Integer, String> dayTexts = new HashMap<>();
        TreeMap<String, Long> days = new TreeMap<>();
        for (DayRequests day : state.getRequestsByDay()) {
            days.put(dayTexts.computeIfAbsent(day.getEpochDay(), StateSerdes::day), day.getRequests());
        }
        List<String> endpoints = state.getEndpoints();
        TreeMap<String, SortedMap<String, Long>> endpointDays = new TreeMap<>();
        for (DayEndpointRequests day : state.getEndpointRequestsByDay()) {
            TreeMap<String, Long> ofDay = new TreeMap<>();
            for (EndpointRequests entry : day.getEndpoints()) {
                ofDay.put(endpoints.get(entry.getEndpoint()), entry.getRequests());
            }
            endpointDays.put(dayTexts.computeIfAbsent(day.getEpochDay(), StateSerdes::day), ofDay);
        }
        return new ActivityAggregate(instant(state.getLastUsageAtMillis()), instant(state.getLastAuditUseAtMillis()),
                instant(state.getLastChangedAtMillis()), state.getLastChangedBy(), days, endpointDays);
    }

    static StoredVerdictState toState(StoredVerdict verdict) {
        StoredVerdict.CandidateState candidate = verdict.candidate();
        return new StoredVerdictState(verdict.signature(), verdict.hadFindings(), candidate == null ? null
                : new CandidateStateRecord(candidate.candidateId(), candidate.fingerprint(), candidate.proposedAt().toEpochMilli(),
                        candidate.collectionId(), millis(candidate.noticedAt())), millis(verdict.snoozedUntil()));
    }

    static StoredVerdict fromState(StoredVerdictState state) {
        CandidateStateRecord candidate = state.getCandidate();
        return new StoredVerdict(state.getSignature(), state.getHadFindings(), candidate == null ? null
                : new StoredVerdict.CandidateState(candidate.getCandidateId(), candidate.getFingerprint(),
                        Instant.ofEpochMilli(candidate.getProposedAtMillis()), candidate.getCollectionId(),
                        instant(candidate.getNoticedAtMillis())),
                instant(state.getSnoozedUntilMillis()));
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    /**
     * The epoch day of a {@code yyyy-MM-dd} day. Read by hand: {@code LocalDate.parse} goes through a
     * DateTimeFormatter and was most of the aggregate's write time in the microbenchmark.
     */
    static int epochDay(String day) {
        if (day.length() == 10 && day.charAt(4) == '-' && day.charAt(7) == '-') {
            int year = digits(day, 0, 4);
            int month = digits(day, 5, 7);
            int dayOfMonth = digits(day, 8, 10);
            if (year >= 0 && month >= 0 && dayOfMonth >= 0) {
                return Math.toIntExact(LocalDate.of(year, month, dayOfMonth).toEpochDay());
            }
        }
        return Math.toIntExact(LocalDate.parse(day).toEpochDay()); // anything else: the formatter's verdict
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String day(int epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }
}
