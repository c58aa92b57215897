package io.oauthgov.analyzer.topology;

import io.oauthgov.schemas.rejection.RejectionFactory;
import io.oauthgov.analyzer.evaluation.OrgFindings;
import io.oauthgov.analyzer.policy.BlastRadius;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.avro.ApiIdentityKey;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.CandidateChange;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.FindingStatus;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.RiskStatus;
import io.oauthgov.avro.Severity;
import io.oauthgov.avro.Stage;
import io.oauthgov.schemas.topics.OrgWide;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The one processor per organization (its input is keyed by org): it answers what no per-client task can see alone.
 * <ul>
 *   <li><b>Evidence.</b> Each task reports which evidence its clients of the org lack; the union changes the org's
 *       one {@code insufficient-evidence} risk event (NEW when something goes missing, RESOLVED when all is there).</li>
 *   <li><b>Surge brake.</b> When one collection proposes more than {@code surgeFraction} of the org's clients, its
 *       candidates are held: their approvals are refused {@code HELD_SURGE} until a person confirms the surge or a
 *       later collection arrives and agrees (its candidates are then judged again on newer evidence).</li>
 *   <li><b>Blast radius.</b> At most {@code maxDeletionsPerOrgPerDay} and {@code maxFractionPerOrg} of the org's
 *       clients pass in any rolling 24 h; beyond that approvals are refused {@code LIMIT_DAILY} / {@code LIMIT_FRACTION}
 *       and may be sent again later.</li>
 * </ul>
 * Only approvals that pass here reach the executor, which applies the same limits again.
 */
final class OrgGovernor implements Processor<OrgKey, OrgSignal, ClientKey, Output> {
    private static final Duration DAY = Duration.ofHours(24);

    private final Policy policy;
    private final BlastRadius limits;
    private ProcessorContext<ClientKey, Output> context;
    private KeyValueStore<OrgKey, OrgState> orgs;

    OrgGovernor(Policy policy) {
        this.policy = policy;
        this.limits = policy.limits();
    }

    @Override
    public void init(ProcessorContext<ClientKey, Output> context) {
        this.context = context;
        this.orgs = context.getStateStore(GovernanceTopology.ORG_STORE);
    }

    @Override
    public void process(Record<OrgKey, OrgSignal> record) {
        OrgSignal signal = record.value();
        if (record.key() == null || signal == null || signal.kind() == null) {
            return; // written only by this topology's own tasks; nothing else can produce to the internal topic
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        OrgKey key = record.key();
        OrgState state = Objects.requireNonNullElse(orgs.get(key), OrgState.EMPTY);
        state = switch (signal.kind()) {
            case STATUS -> state.withPartition(signal.partition(), signal.missing());
            case COLLECTION -> state.withCollection(signal.collectionId(), signal.orgClients());
            case PROPOSED -> proposed(state, signal);
            case CONFIRM_SURGE -> state.withHeld("*".equals(signal.collectionId()) ? List.of()
                    : state.heldCollections().stream().filter(c -> !c.equals(signal.collectionId())).toList());
            case APPROVED -> approved(state, signal, now);
        };
        state = report(key.getOrgId(), state, signal, now);
        orgs.put(key, state);
    }

    private OrgState proposed(OrgState state, OrgSignal signal) {
        String collection = signal.collectionId();
        OrgState next = state.withProposals(collection == null ? "" : collection, signal.proposals(), signal.region());
        if (collection != null && !next.heldCollections().contains(collection)
                && next.proposedIn(collection) > limits.surgeThreshold(next.orgClients())) {
            List<String> held = new ArrayList<>(next.heldCollections());
            held.add(collection);
            next = next.withHeld(held);
        }
        return next;
    }

    private OrgState approved(OrgState state, OrgSignal signal, Instant now) {
        List<Instant> today = state.passedSince(now.minus(DAY));
        RejectionReason refusal = null;
        String detail = null;
        if (signal.collectionId() != null && state.heldCollections().contains(signal.collectionId())) {
            refusal = RejectionReason.HELD_SURGE;
            detail = "collection " + signal.collectionId() + " proposed " + state.proposedIn(signal.collectionId())
                    + " candidates in org " + signal.orgId() + " (more than " + fraction(limits.surgeFraction()) + " of "
                    + state.orgClients() + " clients): held until `oauthgov approve --confirm-surge " + signal.orgId()
                    + "` or the next collection agrees";
        } else if (today.size() >= limits.maxDeletionsPerOrgPerDay()) {
            refusal = RejectionReason.LIMIT_DAILY;
            detail = today.size() + " approved deletions passed for org " + signal.orgId() + " in the last 24 h, the"
                    + " policy allows " + limits.maxDeletionsPerOrgPerDay() + "; send the approval again after "
                    + today.get(0).plus(DAY);
        } else if (today.size() >= limits.fractionAllowance(state.orgClients())) {
            refusal = RejectionReason.LIMIT_FRACTION;
            detail = today.size() + " approved deletions passed for org " + signal.orgId() + " in the last 24 h, the"
                    + " policy allows " + fraction(limits.maxFractionPerOrg()) + " of its " + state.orgClients()
                    + " clients; send the approval again after " + today.get(0).plus(DAY);
        }
        if (refusal != null) {
            RejectionFactory.Source source = new RejectionFactory.Source(signal.sourceTopic(), signal.sourcePartition(),
                    signal.sourceOffset());
            ClientKey clientKey = new ClientKey(signal.orgId(), signal.clientId());
            forward(new Output.Rejected(clientKey, RejectionFactory.refused(Stage.APPROVAL_GATE, refusal, detail, now,
                    source, signal.approvalId(), signal.candidateId())), clientKey, now);
            return state;
        }
        ApprovedDeletion deletion = AvroBytes.decode(signal.deletion(), ApprovedDeletion.class);
        forward(new Output.Approved(new ApiIdentityKey(signal.orgId(), signal.identityId()), deletion),
                new ClientKey(signal.orgId(), signal.clientId()), now);
        return state.withPassed(now, now.minus(DAY));
    }

    /** Emits the org's risk event when its missing evidence or its held collections changed since last reported. */
    private OrgState report(String orgId, OrgState state, OrgSignal signal, Instant now) {
        List<String> missing = state.missing();
        List<String> held = state.heldCollections();
        if (missing.equals(state.reportedMissing()) && held.equals(state.reportedHeld())) {
            return state;
        }
        List<Finding> findings = new ArrayList<>();
        if (!missing.isEmpty()) {
            findings.add(Finding.newBuilder().setRuleId(OrgFindings.INSUFFICIENT_EVIDENCE).setTitle("Insufficient evidence")
                    .setReason("No client of org " + orgId + " is judged unused or proposed for deletion until this is"
                            + " fixed: " + String.join(" | ", missing))
                    .setSeverity(Severity.MEDIUM)
                    .setEvidence(Map.of(OrgFindings.MISSING, String.join("\n", missing))).build());
        }
        if (!held.isEmpty()) {
            findings.add(Finding.newBuilder().setRuleId(OrgFindings.SURGE_HELD).setTitle("Surge of candidates held")
                    .setReason("Collection(s) " + held + " proposed more than " + fraction(limits.surgeFraction())
                            + " of the org's " + state.orgClients() + " clients; their approvals are held until"
                            + " `oauthgov approve --confirm-surge " + orgId + "` or the next collection agrees")
                    .setSeverity(Severity.HIGH)
                    .setEvidence(Map.of(OrgFindings.HELD_COLLECTIONS, String.join(",", held),
                            "proposed", Long.toString(held.stream().mapToLong(state::proposedIn).sum()),
                            "orgClients", Long.toString(state.orgClients()))).build());
        }
        boolean hadFindings = !state.reportedMissing().isEmpty() || !state.reportedHeld().isEmpty();
        RiskStatus status = findings.isEmpty() ? RiskStatus.RESOLVED : hadFindings ? RiskStatus.CHANGED : RiskStatus.NEW;
        String note = findings.isEmpty() ? "evidence of org " + orgId + " is sufficient and no surge is held"
                : findings.stream().map(Finding::getTitle).reduce((a, b) -> a + "; " + b).orElse("");
        String identity = String.join("|", "org-risk", orgId, Long.toString(now.toEpochMilli()), status.name(),
                String.join(",", missing), String.join(",", held));
        RiskEvent event = RiskEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString())
                .setOrgId(orgId)
                .setRegion(state.region())
                .setClientId(OrgWide.CLIENT_ID)
                .setClientName("organization " + orgId)
                .setTime(now)
                .setSeverity(findings.isEmpty() ? Severity.INFORMATIONAL : held.isEmpty() ? Severity.MEDIUM : Severity.HIGH)
                .setScore(findings.isEmpty() ? 0 : held.isEmpty() ? 50 : 70)
                .setStatus(status)
                .setFindings(findings)
                .setCandidate(CandidateChange.NONE)
                .setCandidateNote(note)
                .setPolicyId(policy.id())
                .setPolicyVersion(policy.version())
                .setFindingStatus(findings.isEmpty() ? FindingStatus.RESOLVED : FindingStatus.NEW)
                .build();
        ClientKey key = OrgWide.key(orgId);
        forward(new Output.Risk(event), key, now);
        return state.withReported(missing, held);
    }

    private void forward(Output output, ClientKey key, Instant now) {
        context.forward(new Record<>(key, output, now.toEpochMilli()));
    }

    private static String fraction(double f) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", f * 100);
    }
}
