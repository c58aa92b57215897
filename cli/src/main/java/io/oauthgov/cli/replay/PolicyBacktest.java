package io.oauthgov.cli.replay;

import io.oauthgov.analyzer.evaluation.ActivityAggregate;
import io.oauthgov.analyzer.evaluation.EffectivePrivilege;
import io.oauthgov.analyzer.evaluation.EvidenceStatus;
import io.oauthgov.analyzer.evaluation.EvidenceSufficiency;
import io.oauthgov.analyzer.evaluation.OrgCoverage;
import io.oauthgov.analyzer.evaluation.PolicyEvaluator;
import io.oauthgov.analyzer.evaluation.Verdict;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.EvidenceRelation;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.Severity;
import io.oauthgov.schemas.topics.OrgWide;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One policy run over recorded history, in memory, through the analyzer's own {@link PolicyEvaluator}: the replay
 * holds no policy logic of its own.
 *
 * <p>Semantics of the window {@code [from, asOf]}:
 * <ul>
 *   <li>Each client is judged as the analyzer would have judged it at {@code asOf}: evidence of use that happened
 *       after {@code asOf} is ignored (no hindsight), and clients created after {@code asOf} did not exist yet.</li>
 *   <li>Evidence older than {@code from} is <em>not</em> ignored. Dropping it would make clients look unused and
 *       invent deletion candidates — a backtest must never be more aggressive than the live analyzer. Instead
 *       {@code from} opens the window in which the policy is put to the test: a client the policy would have
 *       proposed at some moment inside the window and that was then used again before {@code asOf} is reported as
 *       "flagged, then used again" — a deletion that would have broken a live integration had it been approved.</li>
 * </ul>
 *
 * <p>Candidacy between two uses only grows with time (staleness and grace periods only run out), so checking the
 * instant just before each use inside the window finds every such case with one evaluation per use.
 *
 * <p>Absence of evidence is not evidence of absence here either: a client is judged on its use only when the
 * recorded coverage of its org (the collector's coverage record of the collection that observed its latest snapshot,
 * as of {@code asOf}) spans the policy's window and the org's registry was imported, decided by the analyzer's own
 * {@link EvidenceSufficiency}. Otherwise it is judged as the analyzer would judge it then (no use-based finding, no
 * candidate) and the result says what is missing, so a backtest over a gap in the record never invents candidates.
 *
 * <p>Limits of what was recorded: the clients topic is compacted, so each client is judged on its latest snapshot
 * and clients deleted before the replay are gone; the integration registry and the roles are their latest state
 * (privilege is judged on today's roles); snoozes after
 * rejected approvals are not replayed (both policies are compared without them).
 */
public final class PolicyBacktest {
    private PolicyBacktest() {}

    /** The evaluation instant and the start of the window in which candidacy is checked against later use. */
    public record Window(Instant from, Instant asOf) {
        public Window {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(asOf, "asOf");
            if (!from.isBefore(asOf)) {
                throw new IllegalArgumentException("the window must start before it ends: from " + from + ", as of " + asOf);
            }
        }
    }

    /**
     * One client's verdict at {@code asOf}, and the first time inside the window the policy would have proposed it
     * although it was used again afterwards (both null when that never happened).
     */
    public record ClientResult(ClientKey key, String clientName, Verdict verdict, Instant flaggedAt, Instant usedAgainAt) {
        /** The highest severity of the findings; null when no rule holds. */
        public Severity severity() {
            return verdict.findings().isEmpty() ? null : verdict.severity();
        }

        public boolean flaggedThenUsedAgain() {
            return usedAgainAt != null;
        }
    }

    /**
     * Every existing client's result, ordered by org and client id so output is stable.
     *
     * @param missingEvidence per org, what kept some of its clients from being judged on their use (orgs with
     *                        complete evidence are absent)
     */
    public record Result(Policy policy, Window window, List<ClientResult> clients, Map<String, Set<String>> missingEvidence) {
        public List<ClientResult> candidates() {
            return clients.stream().filter(c -> c.verdict().candidate()).toList();
        }

        /** Candidates that became eligible inside the window: what the policy would have newly proposed. */
        public long proposedInWindow() {
            return candidates().stream().filter(c -> !c.verdict().eligibleAt().isBefore(window.from())).count();
        }

        public List<ClientResult> flaggedThenUsedAgain() {
            return clients.stream().filter(ClientResult::flaggedThenUsedAgain).toList();
        }

        public Map<Severity, Long> riskBySeverity() {
            Map<Severity, Long> counts = new TreeMap<>(Comparator.reverseOrder());
            clients.stream().map(ClientResult::severity).filter(Objects::nonNull).forEach(s -> counts.merge(s, 1L, Long::sum));
            return counts;
        }
    }

    public static Result run(Policy policy, RecordedHistory history, Window window) {
        PolicyEvaluator evaluator = new PolicyEvaluator(policy);
        EvidenceSufficiency sufficiency = new EvidenceSufficiency(policy);
        List<ClientResult> results = new ArrayList<>();
        Map<String, Set<String>> missing = new TreeMap<>();
        history.clients().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(ClientKey::getOrgId).thenComparing(ClientKey::getClientId)))
                .filter(e -> existedAt(e.getValue(), window.asOf()))
                .forEach(e -> {
                    EvidenceStatus evidence = evidenceStatus(sufficiency, e.getValue(), history, window.asOf());
                    if (!evidence.sufficient()) {
                        missing.computeIfAbsent(e.getKey().getOrgId(), org -> new TreeSet<>()).addAll(evidence.missing());
                    }
                    results.add(judge(evaluator, e.getKey(), e.getValue(), evidence, history, window));
                });
        return new Result(policy, window, List.copyOf(results), missing);
    }

    /**
     * The analyzer's evidence decision at {@code asOf}, on the org's latest coverage record up to then. There is
     * no later record to wait for in a replay: evidence still pending at {@code asOf} is missing.
     */
    private static EvidenceStatus evidenceStatus(EvidenceSufficiency sufficiency, OAuthClientSnapshot snapshot,
                                                 RecordedHistory history, Instant asOf) {
        String org = snapshot.getOrgId();
        OrgCoverage known = OrgCoverage.NONE;
        for (ActivityEvidence record : history.evidenceOf(OrgWide.key(org))) {
            if (record.getEventAt().isAfter(asOf)) {
                break; // sorted by eventAt
            }
            if (record.getRelation() == EvidenceRelation.COVERAGE && record.getCoverage() != null) {
                known = known.withCoverage(record.getCoverage());
            }
        }
        // "Awaited since the epoch": any wait for this snapshot's evidence is over by asOf.
        known = known.awaiting(snapshot.getSnapshotId(), Instant.EPOCH);
        boolean registryImported = history.integrations().containsKey(OrgWide.key(org));
        EvidenceStatus status = sufficiency.of(snapshot, known, registryImported, asOf);
        if (status.state() == EvidenceStatus.State.WAIT) {
            // Only reached when the latest coverage covers a newer snapshot than the compacted topic's latest one.
            return new EvidenceStatus(EvidenceStatus.State.INSUFFICIENT, status.registryKnown(),
                    List.of("EVIDENCE_PENDING: the recorded coverage of org " + org + " is for a later snapshot than "
                            + snapshot.getSnapshotId() + "; run `oauthgov collect --once`"), status.collectionId());
        }
        return status;
    }

    private static ClientResult judge(PolicyEvaluator evaluator, ClientKey key, OAuthClientSnapshot snapshot,
                                      EvidenceStatus evidenceStatus, RecordedHistory history, Window window) {
        var integration = history.integrations().get(key);
        EffectivePrivilege privilege = EffectivePrivilege.of(snapshot, history.authorization().get(key.getOrgId()));
        ActivityAggregate activity = ActivityAggregate.EMPTY;
        Instant flaggedAt = null;
        Instant usedAgainAt = null;
        for (ActivityEvidence evidence : history.evidenceOf(key)) {
            Instant at = evidence.getEventAt();
            if (at.isAfter(window.asOf())) {
                break; // sorted by eventAt: the rest happened after the backtest's "now"
            }
            ActivityAggregate next = activity.with(evidence);
            if (usedAgainAt == null && at.isAfter(window.from()) && isNewUse(activity, next)) {
                Instant justBefore = at.minusMillis(1);
                Verdict before = evaluator.evaluate(snapshot, activity, integration, null, evidenceStatus, privilege,
                        justBefore);
                if (before.candidate()) {
                    flaggedAt = before.eligibleAt().isBefore(window.from()) ? window.from() : before.eligibleAt();
                    usedAgainAt = at;
                }
            }
            activity = next;
        }
        Verdict verdict = evaluator.evaluate(snapshot, activity, integration, null, evidenceStatus, privilege, window.asOf());
        return new ClientResult(key, snapshot.getName(), verdict, flaggedAt, usedAgainAt);
    }

    /** Evidence that moved the client's last use forward: the end of an unused stretch. */
    private static boolean isNewUse(ActivityAggregate before, ActivityAggregate after) {
        Instant was = before.lastUsedAt();
        Instant is = after.lastUsedAt();
        return is != null && (was == null || is.isAfter(was));
    }

    private static boolean existedAt(OAuthClientSnapshot snapshot, Instant asOf) {
        return snapshot.getDateCreated() == null || !snapshot.getDateCreated().isAfter(asOf);
    }
}
