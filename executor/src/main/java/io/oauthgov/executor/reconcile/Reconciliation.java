package io.oauthgov.executor.reconcile;

import io.oauthgov.avro.ApiIdentityKey;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.Stage;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.model.OAuthClient;
import io.oauthgov.schemas.topics.TopicLogReader;
import io.oauthgov.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Replays approved deletions, outcomes and the executor's refusals from a point in time and sets them against the live
 * registry of each org. An approval the executor refused (it did not verify, a limit) is REFUSED, not PENDING.
 * Read-only: no consumer group, no produce, only GETs against Genesys Cloud.
 */
public final class Reconciliation {
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private final Topics topics;
    private final Map<String, Object> clientConfigs;
    private final Clock clock;

    public Reconciliation(Topics topics, Map<String, Object> clientConfigs, Clock clock) {
        this.topics = topics;
        this.clientConfigs = clientConfigs;
        this.clock = clock;
    }

    /**
     * @param since approvals that reached the topic at or after this instant (Instant.EPOCH for all)
     * @param liveReaders one API client per org to read its live registry; orgs without one are not checked live
     */
    public ReconcileReport run(Instant since, Map<String, GenesysClient> liveReaders, Consumer<String> progress) {
        AtomicLong unreadable = new AtomicLong();
        progress.accept("reading " + topics.deletionsApproved().name());
        List<ApprovedDeletion> approvals = new ArrayList<>();
        for (TopicLogReader.Entry<ApiIdentityKey, ApprovedDeletion> e : TopicLogReader.readAll(topics.deletionsApproved(), clientConfigs,
                READ_TIMEOUT, x -> unreadable.incrementAndGet())) {
            if (e.value() != null && e.timestamp() >= since.toEpochMilli()) {
                approvals.add(e.value());
            }
        }
        progress.accept("reading " + topics.outcomes().name());
        Map<String, Outcome> latestByApproval = new HashMap<>();
        Set<ClientKey> deletedByOauthgov = new HashSet<>();
        for (TopicLogReader.Entry<ClientKey, Outcome> e : TopicLogReader.readAll(topics.outcomes(), clientConfigs, READ_TIMEOUT,
                x -> unreadable.incrementAndGet())) {
            if (e.value() != null) {
                latestByApproval.merge(e.value().getApprovalId(), e.value(), (a, b) -> a.getKind() == OutcomeKind.DEACTIVATED ? b : a);
                if (e.value().getKind() == OutcomeKind.DELETED) {
                    deletedByOauthgov.add(new ClientKey(e.value().getOrgId(), e.value().getClientId()));
                }
            }
        }
        progress.accept("reading " + topics.rejected().name());
        Map<String, Rejection> refusedByApproval = new HashMap<>();
        for (TopicLogReader.Entry<ClientKey, Rejection> e : TopicLogReader.readAll(topics.rejected(), clientConfigs, READ_TIMEOUT,
                x -> unreadable.incrementAndGet())) {
            if (e.value() != null && e.value().getStage() == Stage.EXECUTOR && e.value().getApprovalId() != null) {
                refusedByApproval.put(e.value().getApprovalId(), e.value());
            }
        }
        Map<ClientKey, OAuthClient> live = new HashMap<>();
        liveReaders.forEach((orgId, api) -> {
            progress.accept("reading the live registry of org " + orgId);
            api.oauthClients().listAll().entities().forEach(c -> live.put(new ClientKey(orgId, c.id()), c));
        });

        Map<ReconcileStatus, Long> counts = new EnumMap<>(ReconcileStatus.class);
        for (ReconcileStatus status : ReconcileStatus.values()) {
            counts.put(status, 0L);
        }
        Map<String, ReconcileReport.Line> lines = new LinkedHashMap<>();
        List<ReconcileReport.Line> drift = new ArrayList<>();
        for (ApprovedDeletion approval : approvals) {
            if (lines.containsKey(approval.getApprovalId())) {
                continue; // the gate passed it twice; the executor acts on it once
            }
            Outcome outcome = latestByApproval.get(approval.getApprovalId());
            Rejection refused = outcome == null ? refusedByApproval.get(approval.getApprovalId()) : null;
            ReconcileStatus status = outcome != null ? ReconcileStatus.of(outcome.getKind())
                    : refused != null ? ReconcileStatus.REFUSED : ReconcileStatus.PENDING;
            ReconcileReport.Line line = new ReconcileReport.Line(approval.getOrgId(), approval.getClientId(), approval.getApprovalId(),
                    approval.getApprover(), approval.getApprovedAt(), status,
                    outcome != null ? outcome.getFinishedAt() : refused != null ? refused.getRejectedAt() : null,
                    outcome != null ? outcome.getDetail() : refused != null ? refused.getReason() + ": " + refused.getDetail() : null,
                    outcome == null ? null : outcome.getContextId());
            lines.put(approval.getApprovalId(), line);
            counts.merge(status, 1L, Long::sum);
            OAuthClient stillThere = live.get(new ClientKey(approval.getOrgId(), approval.getClientId()));
            if (status == ReconcileStatus.DELETED && liveReaders.containsKey(approval.getOrgId()) && stillThere != null
                    && stillThere.dateToDelete() == null) {
                drift.add(line);
            }
        }
        List<ReconcileReport.Missing> outside = liveReaders.isEmpty() ? List.of()
                : deletedOutside(since, liveReaders.keySet(), live, deletedByOauthgov, unreadable, progress);
        List<ReconcileReport.Line> sorted = new ArrayList<>(lines.values());
        sorted.sort(Comparator.comparing(ReconcileReport.Line::orgId).thenComparing(ReconcileReport.Line::clientId));
        return new ReconcileReport(clock.instant(), since, counts, sorted, outside, drift, unreadable.get());
    }

    /** Clients the collector saw (since the given time) that are gone now and that oauthgov did not delete. */
    private List<ReconcileReport.Missing> deletedOutside(Instant since, Set<String> checkedOrgs, Map<ClientKey, OAuthClient> live,
                                                         Set<ClientKey> deletedByOauthgov, AtomicLong unreadable, Consumer<String> progress) {
        progress.accept("reading " + topics.clients().name());
        Map<ClientKey, OAuthClientSnapshot> seen = new HashMap<>();
        for (TopicLogReader.Entry<ClientKey, OAuthClientSnapshot> e : TopicLogReader.readAll(topics.clients(), clientConfigs, READ_TIMEOUT,
                x -> unreadable.incrementAndGet())) {
            if (e.value() != null && e.timestamp() >= since.toEpochMilli()) {
                seen.put(e.key(), e.value());
            }
        }
        List<ReconcileReport.Missing> missing = new ArrayList<>();
        seen.forEach((key, snapshot) -> {
            if (checkedOrgs.contains(key.getOrgId()) && !live.containsKey(key) && !deletedByOauthgov.contains(key)) {
                missing.add(new ReconcileReport.Missing(key.getOrgId(), key.getClientId(), snapshot.getName(), snapshot.getObservedAt()));
            }
        });
        missing.sort(Comparator.comparing(ReconcileReport.Missing::orgId).thenComparing(ReconcileReport.Missing::clientId));
        return missing;
    }
}
