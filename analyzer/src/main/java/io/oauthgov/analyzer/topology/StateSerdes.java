package io.oauthgov.analyzer.topology;

import io.oauthgov.analyzer.evaluation.ActivityAggregate;
import io.oauthgov.avro.state.ActivityAggregateState;
import io.oauthgov.avro.state.CandidateStateRecord;
import io.oauthgov.avro.state.DayEndpointRequests;
import io.oauthgov.avro.state.DayRequests;
import io.oauthgov.avro.state.EndpointRequests;
import io.oauthgov.avro.state.StoredVerdictState;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;

/**
 * The versioned binary serdes of the per-client state values, and their mapping onto the state schemas. Days,
 * {@code yyyy-MM-dd} strings in the aggregate, are stored as epoch days (three bytes instead of eleven).
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
        List<DayEndpointRequests> endpointDays = new ArrayList<>(aggregate.endpointRequestsByDay().size());
        aggregate.endpointRequestsByDay().forEach((day, endpoints) -> {
            List<EndpointRequests> ofDay = new ArrayList<>(endpoints.size());
            endpoints.forEach((endpoint, requests) -> ofDay.add(new EndpointRequests(endpoint, requests)));
            endpointDays.add(new DayEndpointRequests(epochDay(day), ofDay));
        });
        return new ActivityAggregateState(aggregate.lastUsageAt(), aggregate.lastAuditUseAt(), aggregate.lastChangedAt(),
                aggregate.lastChangedBy(), days, endpointDays);
    }

    static ActivityAggregate fromState(ActivityAggregateState state) {
        TreeMap<String, Long> days = new TreeMap<>();
        for (DayRequests day : state.getRequestsByDay()) {
            days.put(day(day.getEpochDay()), day.getRequests());
        }
        TreeMap<String, SortedMap<String, Long>> endpointDays = new TreeMap<>();
        for (DayEndpointRequests day : state.getEndpointRequestsByDay()) {
            TreeMap<String, Long> ofDay = new TreeMap<>();
            for (EndpointRequests endpoint : day.getEndpoints()) {
                ofDay.put(endpoint.getEndpoint(), endpoint.getRequests());
            }
            endpointDays.put(day(day.getEpochDay()), ofDay);
        }
        return new ActivityAggregate(state.getLastUsageAt(), state.getLastAuditUseAt(), state.getLastChangedAt(),
                state.getLastChangedBy(), days, endpointDays);
    }

    static StoredVerdictState toState(StoredVerdict verdict) {
        StoredVerdict.CandidateState candidate = verdict.candidate();
        return new StoredVerdictState(verdict.signature(), verdict.hadFindings(), candidate == null ? null
                : new CandidateStateRecord(candidate.candidateId(), candidate.fingerprint(), candidate.proposedAt(),
                        candidate.collectionId(), candidate.noticedAt()), verdict.snoozedUntil());
    }

    static StoredVerdict fromState(StoredVerdictState state) {
        CandidateStateRecord candidate = state.getCandidate();
        return new StoredVerdict(state.getSignature(), state.getHadFindings(), candidate == null ? null
                : new StoredVerdict.CandidateState(candidate.getCandidateId(), candidate.getFingerprint(),
                        candidate.getProposedAt(), candidate.getCollectionId(), candidate.getNoticedAt()),
                state.getSnoozedUntil());
    }

    private static int epochDay(String day) {
        return Math.toIntExact(LocalDate.parse(day).toEpochDay());
    }

    private static String day(int epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }
}
