package io.oauthgov.analyzer.topology;

import io.oauthgov.schemas.rejection.RejectionFactory;
import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.analyzer.evaluation.ActivityAggregate;
import io.oauthgov.analyzer.evaluation.EffectivePrivilege;
import io.oauthgov.analyzer.evaluation.EvidenceStatus;
import io.oauthgov.analyzer.evaluation.EvidenceSufficiency;
import io.oauthgov.analyzer.evaluation.OrgCoverage;
import io.oauthgov.analyzer.evaluation.PolicyEvaluator;
import io.oauthgov.analyzer.evaluation.RuleFinding;
import io.oauthgov.analyzer.evaluation.Verdict;
import io.oauthgov.analyzer.gate.ApprovalGate;
import io.oauthgov.analyzer.gate.GateDecision;
import io.oauthgov.analyzer.metrics.AnalyzerMetrics;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.AuthorizationSnapshot;
import io.oauthgov.avro.CandidateChange;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.Decision;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.EvidenceCoverage;
import io.oauthgov.avro.EvidenceRelation;
import io.oauthgov.avro.FindingStatus;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.IntegrationRecordType;
import io.oauthgov.avro.Notice;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.RiskStatus;
import io.oauthgov.avro.Severity;
import io.oauthgov.avro.SnapshotManifest;
import io.oauthgov.avro.Stage;
import io.oauthgov.schemas.fingerprint.ClientFingerprint;
import io.oauthgov.schemas.topics.OrgWide;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The one processor that owns each client's state: its last verified snapshot, its activity aggregate, its
 * integration record and its last verdict. Any input about a client re-evaluates the policy for that client, and a
 * wall-clock punctuator re-evaluates every client because time alone makes clients stale and ends grace periods.
 *
 * <p>It emits only when a verdict changes (the findings' rule ids and severities, or the candidate and its
 * fingerprint), so seeing the same snapshot again, or re-evaluating on the clock, floods nobody. Approvals are
 * judged here too, against the same state, so the gate always sees the candidate as it stands.
 *
 * <p>Client evidence is not applied record by record: it is folded into the client's aggregate in memory
 * ({@link PendingEvidence}) and applied, one aggregate write and one evaluation per client, before the task commits
 * and before any other input or the clock's re-evaluation is handled. {@link PendingEvidence} says why that loses
 * and doubles nothing under exactly-once and why no client is judged on coverage its evidence has not reached.
 *
 * <p>"Now" is {@code context.currentSystemTimeMs()}: the test driver mocks it, so tests and replays are
 * deterministic.
 */
final class ClientEvaluator implements Processor<ClientKey, Input, ClientKey, Output> {

    private final Policy policy;
    private final PolicyEvaluator evaluator;
    private final ApprovalGate gate;
    private final AnalyzerSettings settings;
    private final EvidenceSufficiency sufficiency;
    private final AnalyzerMetrics metrics;

    private ProcessorContext<ClientKey, Output> context;
    private KeyValueStore<ClientKey, OAuthClientSnapshot> clients;
    private KeyValueStore<ClientKey, ActivityAggregate> activity;
    private KeyValueStore<ClientKey, IntegrationRecord> integrations;
    private KeyValueStore<ClientKey, StoredVerdict> verdicts;
    private ReadOnlyKeyValueStore<OrgKey, ?> manifests;
    private ReadOnlyKeyValueStore<OrgKey, ?> authorization;
    private KeyValueStore<OrgKey, OrgCoverage> coverage;
    private PendingEvidence pending;
    private final PendingProposals proposals = new PendingProposals();
    /**
     * Decoded copies of the org-level values every evaluation reads (coverage, whether the registry was imported),
     * because decoding them per client was a third of an evidence record's cost (JFR, 2026-12-02). Safe because this
     * processor is the only writer of both and writes through the copy; {@link #init} starts them empty, so a task
     * restored or re-initialised after an aborted transaction reads its stores afresh.
     */
    private final Map<OrgKey, OrgCoverage> coverageByOrg = new HashMap<>();
    private final Map<String, Boolean> importMarkers = new HashMap<>();
    /** This processor's node, to forward from the pre-commit hook, which runs outside any processor. */
    private ProcessorNode<?, ?, ?, ?> node;

    ClientEvaluator(Policy policy, AnalyzerSettings settings, AnalyzerMetrics metrics) {
        this.metrics = metrics;
        this.policy = policy;
        this.evaluator = new PolicyEvaluator(policy);
        this.gate = new ApprovalGate(settings, policy.notice());
        this.settings = settings;
        this.sufficiency = new EvidenceSufficiency(policy);
    }

    @Override
    public void init(ProcessorContext<ClientKey, Output> context) {
        this.context = context;
        coverageByOrg.clear();
        importMarkers.clear();
        proposals.clear();
        this.clients = context.getStateStore(GovernanceTopology.CLIENTS_STORE);
        this.activity = context.getStateStore(GovernanceTopology.ACTIVITY_STORE);
        this.integrations = context.getStateStore(GovernanceTopology.INTEGRATIONS_STORE);
        this.verdicts = context.getStateStore(GovernanceTopology.VERDICTS_STORE);
        this.manifests = context.getStateStore(GovernanceTopology.MANIFESTS_STORE);
        this.authorization = context.getStateStore(GovernanceTopology.AUTHORIZATION_STORE);
        this.coverage = context.getStateStore(GovernanceTopology.COVERAGE_STORE);
        this.pending = context.getStateStore(GovernanceTopology.PENDING_EVIDENCE_STORE);
        this.pending.drain(); // a task re-initialised after a dirty close reads its uncommitted input again
        this.pending.onCommit(this::beforeCommit);
        this.pending.onDiscard(proposals::clear);
        this.node = context instanceof InternalProcessorContext<?, ?> internal ? internal.currentNode() : null;
        context.schedule(settings.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, ignored -> reevaluateAll());
    }

    @Override
    public void process(Record<ClientKey, Input> record) {
        Instant now = now();
        ClientKey key = record.key();
        Input input = record.value();
        if (!(input instanceof Input.Evidence) || key == null || OrgWide.isOrgWide(key)) {
            applyPending(); // whatever this record is, it is judged with every piece of evidence read before it
        }
        if (input instanceof Input.ApprovalReceived received && OrgWide.isOrgWide(key)) {
            confirmSurge(key, received.approval(), now);
        } else if (input instanceof Input.ApprovalReceived received) {
            approval(key, received.approval(), now);
        } else if (input instanceof Input.Malformed malformed) {
            reject(key, malformed.stage(), RejectionReason.MALFORMED, malformed.detail(), null, null, now);
        } else if (key == null) {
            reject(null, Stage.ANALYZER, RejectionReason.MALFORMED, "record has no key", null, null, now);
        } else if (OrgWide.isOrgWide(key)) {
            orgWide(key, input, now);
        } else if (input instanceof Input.ClientChanged changed) {
            clientChanged(key, changed.snapshot(), now);
        } else if (input instanceof Input.ClientRemoved) {
            clientRemoved(key, now);
        } else if (input instanceof Input.Evidence evidence) {
            evidence(key, evidence.evidence(), now);
        } else if (input instanceof Input.IntegrationChanged changed) {
            integration(key, changed.integration(), now);
        } else if (input instanceof Input.NoticeSent sent) {
            notice(key, sent.notice(), now);
        }
    }

    /**
     * The owner was told about a candidate: the notice period before approvals runs from the first notice. A notice about an
     * earlier candidate of the client (since re-proposed with another fingerprint) does not count for the live one.
     */
    private void notice(ClientKey key, Notice notice, Instant now) {
        if (notice == null) {
            return; // compaction's tombstone of an old notice: the candidate keeps the notice time it has
        }
        if (!key.getOrgId().equals(notice.getOrgId()) || !key.getClientId().equals(notice.getClientId())) {
            reject(key, Stage.ANALYZER, RejectionReason.MALFORMED, "record key " + describe(key)
                    + " does not match the notice's " + notice.getOrgId() + "/" + notice.getClientId(), null, null, now);
            return;
        }
        StoredVerdict stored = verdicts.get(key);
        if (stored == null || stored.candidate() == null || !stored.candidate().candidateId().equals(notice.getCandidateId())
                || (stored.candidate().noticedAt() != null && !notice.getNoticedAt().isBefore(stored.candidate().noticedAt()))) {
            return; // withdrawn, about a candidate no longer live, or a later notice: the period runs from the first
        }
        store(key, new StoredVerdict(stored.signature(), stored.hadFindings(), stored.candidate().noticed(notice.getNoticedAt()),
                stored.snoozedUntil()), stored);
    }

    private void clientChanged(ClientKey key, OAuthClientSnapshot snapshot, Instant now) {
        if (!key.getOrgId().equals(snapshot.getOrgId()) || !key.getClientId().equals(snapshot.getId())) {
            reject(key, Stage.ANALYZER, RejectionReason.MALFORMED, "record key " + describe(key)
                    + " does not match the snapshot's " + snapshot.getOrgId() + "/" + snapshot.getId(), null, null, now);
            return;
        }
        SnapshotManifest manifest = manifest(snapshot.getOrgId());
        if (manifest != null && manifest.getSnapshotId().equals(snapshot.getSnapshotId()) && !manifest.getVerified()) {
            // Defense in depth: the collector publishes clients of verified snapshots only.
            reject(key, Stage.ANALYZER, RejectionReason.UNVERIFIED_SNAPSHOT, "snapshot " + snapshot.getSnapshotId()
                    + " of org " + snapshot.getOrgId() + " is not verified " + manifest.getFailureReasons()
                    + "; its client records are not evaluated", null, null, now);
            return;
        }
        clients.put(key, snapshot);
        awaitCoverage(snapshot, now);
        evaluate(key, snapshot, null, now);
    }

    private void clientRemoved(ClientKey key, Instant now) {
        OAuthClientSnapshot last = clients.get(key);
        StoredVerdict stored = verdicts.get(key);
        clients.delete(key);
        activity.delete(key);
        verdicts.delete(key);
        if (stored == null || last == null) {
            return;
        }
        String note = "client vanished from a verified snapshot of org " + key.getOrgId();
        if (stored.candidate() != null) {
            forward(key, new Output.Candidate(null), now);
        }
        if (stored.hadFindings() || stored.candidate() != null) {
            Verdict resolved = new Verdict(List.of(), null, null, null, false, note, stored.candidate() == null ? null
                    : stored.candidate().fingerprint(), null, List.of());
            forward(key, new Output.Risk(riskEvent(key, last, integrations.get(key), resolved, RiskStatus.RESOLVED,
                    FindingStatus.RESOLVED, stored.candidate() == null ? CandidateChange.NONE : CandidateChange.WITHDRAWN,
                    (stored.candidate() == null ? "" : "withdrawn: ") + note, now)), now);
        }
    }

    private void evidence(ClientKey key, ActivityEvidence evidence, Instant now) {
        if (!key.getOrgId().equals(evidence.getOrgId()) || !key.getClientId().equals(evidence.getClientId())) {
            reject(key, Stage.ANALYZER, RejectionReason.MALFORMED, "record key " + describe(key)
                    + " does not match the evidence's " + evidence.getOrgId() + "/" + evidence.getClientId(), null, null, now);
            return;
        }
        if (evidence.getRelation() == EvidenceRelation.COVERAGE) {
            reject(key, Stage.ANALYZER, RejectionReason.MALFORMED, "coverage is org-wide (client id '" + OrgWide.CLIENT_ID
                    + "') but arrived keyed by client " + describe(key), null, null, now);
            return;
        }
        ActivityAggregate buffered = pending.get(key);
        ActivityAggregate before = buffered != null ? buffered : activityOf(key);
        ActivityAggregate after = before.with(evidence);
        if (after.equals(before)) {
            return; // a duplicate or older evidence: nothing the verdict depends on changed
        }
        pending.put(key, after, now);
        if (pending.full()) {
            applyPending();
        }
    }

    /** Writes every buffered aggregate and evaluates its client once, as of its last record's arrival. */
    private void applyPending() {
        if (pending.isEmpty()) {
            return;
        }
        for (PendingEvidence.Folded folded : pending.drain()) {
            activity.put(folded.key(), folded.aggregate());
            evaluate(folded.key(), clients.get(folded.key()), folded.aggregate(), folded.at());
        }
    }

    /**
     * The task is about to commit: {@link #applyPending()} and send the proposal counts now, inside the transaction.
     * The hook runs outside any processor, so this processor is made the current node (as Streams does for a
     * punctuation) for what it forwards.
     */
    private void beforeCommit() {
        if (pending.isEmpty() && proposals.isEmpty()) {
            return;
        }
        if (!(context instanceof InternalProcessorContext<?, ?> internal) || node == null) {
            applyPendingAndSendProposals();
            return;
        }
        ProcessorNode<?, ?, ?, ?> previousNode = internal.currentNode();
        ProcessorRecordContext previousRecord = internal.recordContext();
        internal.setCurrentNode(node);
        internal.setRecordContext(new ProcessorRecordContext(context.currentSystemTimeMs(), -1L, -1, null, new RecordHeaders()));
        try {
            applyPendingAndSendProposals();
        } finally {
            internal.setCurrentNode(previousNode);
            internal.setRecordContext(previousRecord);
        }
    }

    private void applyPendingAndSendProposals() {
        applyPending();
        sendProposals(now());
    }

    private void integration(ClientKey key, IntegrationRecord integration, Instant now) {
        if (integration == null) {
            // A bare tombstone is not how a protection ends: anyone able to write the topic could lift it.
            reject(key, Stage.ANALYZER, RejectionReason.BARE_TOMBSTONE, "a null value on the integrations topic does not"
                    + " remove " + describe(key) + "'s registry entry; removals are explicit REMOVAL records written by"
                    + " `oauthgov registry import`; the entry stays as it was", null, null, now);
            return;
        } else if (integration.getRecordType() == IntegrationRecordType.IMPORT_MARKER) {
            reject(key, Stage.ANALYZER, RejectionReason.MALFORMED, "an import marker must have client id '"
                    + OrgWide.CLIENT_ID + "', not " + describe(key), null, null, now);
            return;
        } else if (!key.getOrgId().equals(integration.getOrgId()) || !key.getClientId().equals(integration.getClientId())) {
            reject(key, Stage.ANALYZER, RejectionReason.MALFORMED, "record key " + describe(key)
                    + " does not match the integration record's " + integration.getOrgId() + "/" + integration.getClientId(),
                    null, null, now);
            return;
        } else if (integration.getRecordType() == IntegrationRecordType.REMOVAL) {
            integrations.delete(key);
        } else {
            integrations.put(key, integration);
        }
        evaluate(key, now);
    }

    private void reevaluateAll() {
        applyPending();
        evaluateClients(null, now());
    }

    /**
     * Re-evaluates every client of {@code orgId} (every client when null) this task owns, then tells the org's
     * governor what evidence they lack when that changed since this task last said.
     */
    private void evaluateClients(String orgId, Instant now) {
        // Collect keys first: evaluating writes to other stores, and an open iterator should not span those writes.
        List<ClientKey> keys = new ArrayList<>();
        try (KeyValueIterator<ClientKey, OAuthClientSnapshot> all = clients.all()) {
            all.forEachRemaining((KeyValue<ClientKey, OAuthClientSnapshot> kv) -> {
                if (orgId == null || kv.key.getOrgId().equals(orgId)) {
                    keys.add(kv.key);
                }
            });
        }
        Map<String, TreeSet<String>> missingByOrg = new TreeMap<>();
        if (orgId != null) {
            missingByOrg.put(orgId, new TreeSet<>());
        } else {
            try (KeyValueIterator<OrgKey, OrgCoverage> all = coverage.all()) {
                all.forEachRemaining(kv -> missingByOrg.put(kv.key.getOrgId(), new TreeSet<>()));
            }
        }
        for (ClientKey key : keys) {
            EvidenceStatus status = evaluate(key, clients.get(key), null, now);
            TreeSet<String> missing = missingByOrg.computeIfAbsent(key.getOrgId(), k -> new TreeSet<>());
            if (status != null && status.state() == EvidenceStatus.State.INSUFFICIENT) {
                missing.addAll(status.missing());
            }
        }
        missingByOrg.forEach((org, missing) -> reportMissing(org, List.copyOf(missing), now));
    }

    private void reportMissing(String orgId, List<String> missing, Instant now) {
        OrgKey org = new OrgKey(orgId);
        OrgCoverage known = coverageOf(org);
        if (known.reported().equals(missing)) {
            return;
        }
        putCoverage(org, known.withReported(missing));
        signal(OrgSignal.status(orgId, partition(), missing, now), now);
    }

    /** Org-wide records: evidence coverage on the activity topic, the registry import marker on the integrations topic. */
    private void orgWide(ClientKey key, Input input, Instant now) {
        String orgId = key.getOrgId();
        if (input instanceof Input.Evidence evidence && evidence.evidence().getRelation() == EvidenceRelation.COVERAGE
                && evidence.evidence().getCoverage() != null && orgId.equals(evidence.evidence().getOrgId())) {
            EvidenceCoverage record = evidence.evidence().getCoverage();
            OrgKey org = new OrgKey(orgId);
            putCoverage(org, coverageOf(org).withCoverage(record));
            signal(OrgSignal.collection(orgId, partition(), record.getCollectionId(), record.getOrgClients(), now), now);
            evaluateClients(orgId, now);
        } else if (input instanceof Input.IntegrationChanged changed && changed.integration() != null
                && changed.integration().getRecordType() == IntegrationRecordType.IMPORT_MARKER
                && orgId.equals(changed.integration().getOrgId())) {
            integrations.put(key, changed.integration());
            importMarkers.put(orgId, Boolean.TRUE);
            evaluateClients(orgId, now);
        } else if (input instanceof Input.IntegrationChanged changed && changed.integration() == null) {
            reject(key, Stage.ANALYZER, RejectionReason.BARE_TOMBSTONE, "a null value cannot withdraw org " + orgId
                    + "'s registry import marker; it stays as it was", null, null, now);
        } else {
            reject(key, Stage.ANALYZER, RejectionReason.MALFORMED, "client id '" + OrgWide.CLIENT_ID + "' is reserved for"
                    + " org-wide coverage and import markers; this " + input.getClass().getSimpleName() + " record is"
                    + " neither", null, null, now);
        }
    }

    /** A signed, authorized decision by a person that the org's held surge may proceed. */
    private void confirmSurge(ClientKey key, Approval approval, Instant now) {
        var refusal = gate.authenticate(key, approval, now);
        if (refusal.isPresent()) {
            reject(key, Stage.APPROVAL_GATE, refusal.get().refusal(), refusal.get().detail(), approval.getApprovalId(),
                    approval.getCandidateId(), now);
            return;
        }
        if (approval.getDecision() != Decision.APPROVE || !approval.getCandidateId().startsWith(OrgWide.SURGE_CONFIRMATION_PREFIX)) {
            reject(key, Stage.APPROVAL_GATE, RejectionReason.MALFORMED, "an org-wide approval must APPROVE candidate id '"
                    + OrgWide.SURGE_CONFIRMATION_PREFIX + "<collection id or *>'", approval.getApprovalId(), approval.getCandidateId(), now);
            return;
        }
        signal(OrgSignal.confirmSurge(key.getOrgId(), partition(), approval.getCandidateId().substring(OrgWide.SURGE_CONFIRMATION_PREFIX.length()),
                approval.getApprovalId(), approval.getApprover(), now), now);
    }

    /** Re-evaluates one client and emits what changed. */
    private void evaluate(ClientKey key, Instant now) {
        evaluate(key, clients.get(key), null, now);
    }

    private EvidenceStatus evidenceStatus(OAuthClientSnapshot snapshot, Instant now) {
        OrgCoverage org = coverageOf(new OrgKey(snapshot.getOrgId()));
        boolean imported = importMarkers.computeIfAbsent(snapshot.getOrgId(), id -> integrations.get(OrgWide.key(id)) != null);
        return sufficiency.of(snapshot, org == OrgCoverage.NONE ? null : org, imported, now);
    }

    /** The org's coverage, from {@link #coverageByOrg} once read: see there why that copy is safe. */
    private OrgCoverage coverageOf(OrgKey org) {
        return coverageByOrg.computeIfAbsent(org, k -> Objects.requireNonNullElse(coverage.get(k), OrgCoverage.NONE));
    }

    private void putCoverage(OrgKey org, OrgCoverage next) {
        coverage.put(org, next);
        coverageByOrg.put(org, next);
    }

    /** A client record of a snapshot whose coverage has not arrived: the wait for it starts now. */
    private void awaitCoverage(OAuthClientSnapshot snapshot, Instant now) {
        OrgKey org = new OrgKey(snapshot.getOrgId());
        OrgCoverage known = coverageOf(org);
        boolean covered = known.coverage() != null && snapshot.getSnapshotId().equals(known.coverage().snapshotId());
        if (!covered && known.awaitingSince(snapshot.getSnapshotId()) == null) {
            putCoverage(org, known.awaiting(snapshot.getSnapshotId(), now));
        }
    }

    /**
     * Re-evaluates one client with values the caller has just stored, so they are not read back (and deserialized)
     * from the stores a moment after being written: the bench profile showed that read-back as a visible share of
     * each client and each piece of evidence.
     *
     * @param snapshot the client's stored snapshot, null when it has none
     * @param knownActivity the client's stored activity aggregate, or null to read it from the store
     * @return whether the client's evidence sufficed (WAIT: nothing was evaluated), null when there is no client
     */
    private EvidenceStatus evaluate(ClientKey key, OAuthClientSnapshot snapshot, ActivityAggregate knownActivity, Instant now) {
        if (snapshot == null) {
            return null; // evidence or registry entries may arrive before the client itself
        }
        metrics.evaluated();
        EvidenceStatus evidence = evidenceStatus(snapshot, now);
        if (evidence.state() == EvidenceStatus.State.WAIT) {
            return evidence; // this collection's evidence is on its way: the last verdict stands until it arrives
        }
        StoredVerdict stored = verdicts.get(key);
        Instant snoozedUntil = stored == null ? null : stored.snoozedUntil();
        if (snoozedUntil != null && !now.isBefore(snoozedUntil)) {
            snoozedUntil = null;
        }
        ActivityAggregate activityNow = knownActivity != null ? knownActivity : activityOf(key);
        IntegrationRecord integration = integrations.get(key);
        Verdict verdict = evaluator.evaluate(snapshot, activityNow, integration, snoozedUntil, evidence,
                privilegeOf(snapshot), now);

        StoredVerdict.CandidateState previous = stored == null ? null : stored.candidate();
        StoredVerdict.CandidateState next = null;
        if (verdict.candidate()) {
            next = previous != null && previous.fingerprint().equals(verdict.fingerprint()) ? previous
                    : new StoredVerdict.CandidateState(candidateId(key, verdict.fingerprint()), verdict.fingerprint(), now,
                    evidence.collectionId(), null);
        }
        boolean hadFindings = stored != null && stored.hadFindings();
        String previousSignature = stored == null ? "" : stored.signature();
        boolean findingsChanged = !previousSignature.equals(verdict.signature());
        boolean candidateChanged = !Objects.equals(previous, next);

        if (findingsChanged || candidateChanged) {
            CandidateChange change = CandidateChange.NONE;
            String note = verdict.candidateNote();
            if (next != null && previous == null) {
                change = CandidateChange.PROPOSED;
                note = "proposed: " + verdict.candidateNote();
            } else if (next != null && next != previous) {
                change = CandidateChange.PROPOSED;
                note = "re-proposed with fingerprint " + next.fingerprint() + " because the client or its evidence changed;"
                        + " approvals quoting " + previous.fingerprint() + " are stale";
            } else if (next == null && previous != null) {
                change = CandidateChange.WITHDRAWN;
                note = "withdrawn: " + verdict.candidateNote();
            }
            if (change == CandidateChange.PROPOSED) {
                forward(key, new Output.Candidate(candidate(next, snapshot, verdict, now)), now);
                proposals.add(key.getOrgId(), next.collectionId(), snapshot.getRegion());
            } else if (change == CandidateChange.WITHDRAWN) {
                forward(key, new Output.Candidate(null), now);
            }
            RiskStatus status = verdict.findings().isEmpty() ? RiskStatus.RESOLVED : hadFindings ? RiskStatus.CHANGED : RiskStatus.NEW;
            if (hadFindings || !verdict.findings().isEmpty()) {
                FindingStatus lifecycle = status == RiskStatus.RESOLVED ? FindingStatus.RESOLVED
                        : next != null ? FindingStatus.IN_PROGRESS : snoozedUntil != null ? FindingStatus.SUPPRESSED : FindingStatus.NEW;
                forward(key, new Output.Risk(riskEvent(key, snapshot, integration, verdict, status, lifecycle, change, note, now)), now);
            }
        }
        store(key, new StoredVerdict(verdict.signature(), !verdict.findings().isEmpty(), next, snoozedUntil), stored);
        return evidence;
    }

    private void approval(ClientKey key, Approval approval, Instant now) {
        StoredVerdict stored = key == null ? null : verdicts.get(key);
        OAuthClientSnapshot snapshot = key == null ? null : clients.get(key);
        IntegrationRecord integration = key == null ? null : integrations.get(key);
        ApprovalGate.LiveCandidate live = stored == null || stored.candidate() == null || snapshot == null ? null
                : new ApprovalGate.LiveCandidate(stored.candidate().candidateId(), stored.candidate().fingerprint(),
                        stored.candidate().noticedAt());
        String currentFingerprint = snapshot == null ? null : ClientFingerprint.of(snapshot, activityOf(key).lastUsedAt());
        boolean protectedNow = integration != null && integration.getProtected$();

        GateDecision decision = gate.decide(key, approval, live, currentFingerprint, protectedNow, now);
        // Only an approval that passed the gate and would delete needs the evidence check (live implies a snapshot).
        EvidenceStatus evidence = decision.passed() && approval.getDecision() == Decision.APPROVE
                ? evidenceStatus(snapshot, now) : null;
        if (!decision.passed()) {
            reject(key, Stage.APPROVAL_GATE, decision.refusal(), decision.detail(), approval.getApprovalId(),
                    approval.getCandidateId(), now);
        } else if (evidence != null && !evidence.sufficient()) {
            reject(key, Stage.APPROVAL_GATE, RejectionReason.INSUFFICIENT_EVIDENCE, "client " + describe(key)
                    + " cannot be judged on its evidence now" + (evidence.missing().isEmpty()
                    ? " (the evidence of its latest collection has not arrived yet)" : ": " + String.join(" | ", evidence.missing())),
                    approval.getApprovalId(), approval.getCandidateId(), now);
        } else if (approval.getDecision() == Decision.APPROVE) {
            ApprovedDeletion deletion = ApprovedDeletion.newBuilder()
                    .setCandidateId(live.candidateId())
                    .setApprovalId(approval.getApprovalId())
                    .setOrgId(approval.getOrgId())
                    .setClientId(approval.getClientId())
                    .setIdentityId(decision.identityId())
                    .setFingerprint(live.fingerprint())
                    .setJudged(snapshot)
                    .setApprover(approval.getApprover())
                    .setTicketRef(approval.getTicketRef())
                    .setApprovedAt(approval.getApprovedAt())
                    .setExpiresAt(approval.getExpiresAt())
                    .setPassedGateAt(now)
                    .setPolicyId(policy.id())
                    .setPolicyVersion(policy.version())
                    .setSignature(approval.getSignature())
                    .build();
            // The org's governor applies the blast-radius limits and the surge brake before it reaches the executor.
            signal(OrgSignal.approved(approval.getOrgId(), partition(), approval.getClientId(), live.candidateId(),
                    stored.candidate().collectionId(), approval.getApprovalId(), decision.identityId(),
                    AvroBytes.encode(deletion), source(), now), now);
        } else {
            snooze(key, snapshot, stored, approval, now);
        }
    }

    /** A valid REJECT: withdraw the candidate and do not propose it again until the snooze ends. */
    private void snooze(ClientKey key, OAuthClientSnapshot snapshot, StoredVerdict stored, Approval approval, Instant now) {
        Instant until = now.plus(policy.snooze());
        IntegrationRecord integration = integrations.get(key);
        Verdict verdict = evaluator.evaluate(snapshot, activityOf(key), integration, until,
                EvidenceStatus.COMPLETE, privilegeOf(snapshot), now);
        String note = "withdrawn: approver " + approval.getApprover() + " rejected candidate " + approval.getCandidateId()
                + " (approval " + approval.getApprovalId() + (approval.getTicketRef() == null ? "" : ", " + approval.getTicketRef())
                + "); snoozed until " + until;
        forward(key, new Output.Candidate(null), now);
        boolean resolved = verdict.findings().isEmpty();
        forward(key, new Output.Risk(riskEvent(key, snapshot, integration, verdict, resolved ? RiskStatus.RESOLVED : RiskStatus.CHANGED,
                resolved ? FindingStatus.RESOLVED : FindingStatus.SUPPRESSED, CandidateChange.WITHDRAWN, note, now)), now);
        store(key, new StoredVerdict(verdict.signature(), !verdict.findings().isEmpty(), null, until), stored);
    }

    private void store(ClientKey key, StoredVerdict next, StoredVerdict previous) {
        if (next.equals(previous)) {
            return;
        }
        if (next.signature().isEmpty() && next.candidate() == null && next.snoozedUntil() == null) {
            if (previous != null) {
                verdicts.delete(key); // nothing to remember: keeps the store as small as the set of flagged clients
            }
        } else {
            verdicts.put(key, next);
        }
    }

    /**
     * @param integration the client's registry entry as the verdict saw it (null: none), passed in rather than read
     *                    again from its store
     * @param lifecycle where the finding stands: proposed for deletion, snoozed by an approver, resolved, or none of these
     */
    private RiskEvent riskEvent(ClientKey key, OAuthClientSnapshot snapshot, IntegrationRecord integration, Verdict verdict,
                                RiskStatus status, FindingStatus lifecycle, CandidateChange change, String note, Instant now) {
        boolean resolved = status == RiskStatus.RESOLVED;
        String identity = String.join("|", "risk", key.getOrgId(), key.getClientId(), Long.toString(now.toEpochMilli()),
                status.name(), verdict.signature(), change.name(), Objects.toString(verdict.fingerprint(), ""));
        return RiskEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString())
                .setOrgId(key.getOrgId())
                .setRegion(snapshot.getRegion())
                .setClientId(key.getClientId())
                .setClientName(snapshot.getName())
                .setTime(now)
                .setSeverity(resolved ? Severity.INFORMATIONAL : verdict.severity())
                .setScore(resolved ? 0 : verdict.score())
                .setStatus(status)
                .setFindings(resolved ? List.of() : verdict.findings().stream().map(RuleFinding::toAvro).toList())
                .setUsedDomains(resolved ? List.of() : verdict.usedDomains())
                .setCandidate(change)
                .setCandidateNote(note)
                .setPolicyId(policy.id())
                .setPolicyVersion(policy.version())
                .setOwner(integration == null ? null : integration.getOwner())
                .setFindingStatus(lifecycle)
                .build();
    }

    private DeletionCandidate candidate(StoredVerdict.CandidateState state, OAuthClientSnapshot snapshot, Verdict verdict, Instant now) {
        return DeletionCandidate.newBuilder()
                .setCandidateId(state.candidateId())
                .setOrgId(snapshot.getOrgId())
                .setClientId(snapshot.getId())
                .setClientName(snapshot.getName())
                .setFingerprint(state.fingerprint())
                .setReasons(verdict.candidateReasons().stream().map(RuleFinding::toAvro).toList())
                .setLastUsedAt(verdict.lastUsedAt())
                .setStaleSince(verdict.staleSince())
                .setEligibleAt(verdict.eligibleAt())
                .setDecidedAt(now)
                .setPolicyId(policy.id())
                .setPolicyVersion(policy.version())
                .setCollectionId(state.collectionId())
                .build();
    }

    /** Deterministic, so a replay proposes the same candidate id for the same judged state. */
    static String candidateId(ClientKey key, String fingerprint) {
        return key.getOrgId() + "/" + key.getClientId() + "/" + fingerprint.substring(0, 16);
    }

    private void reject(ClientKey key, Stage stage, RejectionReason reason, String detail, String approvalId,
                        String candidateId, Instant now) {
        forward(key, new Output.Rejected(key, RejectionFactory.refused(stage, reason, detail, now, source(), approvalId,
                candidateId)), now);
    }

    private RejectionFactory.Source source() {
        return context.recordMetadata()
                .map(m -> new RejectionFactory.Source(m.topic(), m.partition(), m.offset()))
                .orElse(RejectionFactory.Source.NONE);
    }

    /** Sends the proposal counts first, so the governor reads this task's signals of an org in the order they arose. */
    private void signal(OrgSignal signal, Instant now) {
        sendProposals(now);
        send(signal, now);
    }

    private void sendProposals(Instant now) {
        if (!proposals.isEmpty()) {
            proposals.drain(partition(), now).forEach(signal -> send(signal, now));
        }
    }

    private void send(OrgSignal signal, Instant now) {
        context.forward(new Record<>(OrgWide.key(signal.orgId()), new Output.Org(new OrgKey(signal.orgId()), signal),
                now.toEpochMilli()));
    }

    private int partition() {
        return context.taskId().partition();
    }

    private void forward(ClientKey key, Output output, Instant now) {
        context.forward(new Record<>(key, output, now.toEpochMilli()));
    }

    private ActivityAggregate activityOf(ClientKey key) {
        return Objects.requireNonNullElse(activity.get(key), ActivityAggregate.EMPTY);
    }

    private SnapshotManifest manifest(String orgId) {
        return globalValue(manifests, orgId, SnapshotManifest.class);
    }

    /** What the client's roles let it do, from its org's roles; unknown until those have arrived. */
    private EffectivePrivilege privilegeOf(OAuthClientSnapshot snapshot) {
        return EffectivePrivilege.of(snapshot, globalValue(authorization, snapshot.getOrgId(), AuthorizationSnapshot.class));
    }

    /** A global table's value for the org; the store may hand it out timestamped. */
    private static <V> V globalValue(ReadOnlyKeyValueStore<OrgKey, ?> store, String orgId, Class<V> type) {
        Object value = store.get(new OrgKey(orgId));
        if (value instanceof ValueAndTimestamp<?> timestamped) {
            value = timestamped.value();
        }
        return type.isInstance(value) ? type.cast(value) : null;
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }

    private static String describe(ClientKey key) {
        return key.getOrgId() + "/" + key.getClientId();
    }
}
