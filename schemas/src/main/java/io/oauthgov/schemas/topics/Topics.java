package io.oauthgov.schemas.topics;

import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.ApiIdentityKey;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.AuthorizationSnapshot;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.CollectorCheckpoint;
import io.oauthgov.avro.CollectorOrg;
import io.oauthgov.avro.ControlCommand;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.Notice;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.SnapshotManifest;
import io.oauthgov.schemas.siem.OcsfJsonSerde;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The catalog bound to one deployment's serdes. Built once at start-up and passed to every stage; no static
 * serde state, so two pipelines (e.g. a replay beside a live run) can share a JVM.
 */
public final class Topics {
    private final Topic<ClientKey, OAuthClientSnapshot> clients;
    private final Topic<OrgKey, SnapshotManifest> snapshots;
    private final Topic<ClientKey, ActivityEvidence> activity;
    private final Topic<OrgKey, AuthorizationSnapshot> authorization;
    private final Topic<ClientKey, IntegrationRecord> integrations;
    private final Topic<ClientKey, RiskEvent> risk;
    private final Topic<ClientKey, DeletionCandidate> candidates;
    private final Topic<ClientKey, Notice> notices;
    private final Topic<ClientKey, Approval> approvals;
    private final Topic<ApiIdentityKey, ApprovedDeletion> deletionsApproved;
    private final Topic<ClientKey, Rejection> rejected;
    private final Topic<ClientKey, Outcome> outcomes;
    private final Topic<ClientKey, QuarantineEntry> quarantine;
    private final Topic<OrgKey, CollectorCheckpoint> checkpoints;
    private final Topic<OrgKey, CollectorOrg> collectorOrgs;
    private final Topic<OrgKey, ControlCommand> control;
    private final Topic<ClientKey, RiskEvent> riskOcsf;

    private Topics(SerdeFactory serdes) {
        clients = bind(TopicCatalog.CLIENTS, serdes);
        snapshots = bind(TopicCatalog.SNAPSHOTS, serdes);
        activity = bind(TopicCatalog.ACTIVITY, serdes);
        authorization = bind(TopicCatalog.AUTHORIZATION, serdes);
        integrations = bind(TopicCatalog.INTEGRATIONS, serdes);
        risk = bind(TopicCatalog.RISK, serdes);
        candidates = bind(TopicCatalog.CANDIDATES, serdes);
        notices = bind(TopicCatalog.NOTICES, serdes);
        approvals = bind(TopicCatalog.APPROVALS, serdes);
        deletionsApproved = bind(TopicCatalog.DELETIONS_APPROVED, serdes);
        rejected = bind(TopicCatalog.REJECTED, serdes);
        outcomes = bind(TopicCatalog.OUTCOMES, serdes);
        quarantine = bind(TopicCatalog.QUARANTINE, serdes);
        checkpoints = bind(TopicCatalog.CHECKPOINTS, serdes);
        collectorOrgs = bind(TopicCatalog.COLLECTOR_ORGS, serdes);
        control = bind(TopicCatalog.CONTROL, serdes);
        // Keys as every topic's (the registry's ClientKey); values rendered for SIEMs, not registered.
        riskOcsf = new Topic<>(TopicCatalog.RISK_OCSF, serdes.serde(ClientKey.class, true), new OcsfJsonSerde());
    }

    public static Topics bind(SerdeFactory serdes) {
        return new Topics(serdes);
    }

    private static <K extends SpecificRecord, V extends SpecificRecord> Topic<K, V> bind(TopicSpec<K, V> spec, SerdeFactory serdes) {
        return new Topic<>(spec, serdes.serde(spec.keyType(), true), serdes.serde(spec.valueType(), false));
    }

    public Topic<ClientKey, OAuthClientSnapshot> clients() { return clients; }
    public Topic<OrgKey, SnapshotManifest> snapshots() { return snapshots; }
    public Topic<ClientKey, ActivityEvidence> activity() { return activity; }
    public Topic<OrgKey, AuthorizationSnapshot> authorization() { return authorization; }
    public Topic<ClientKey, IntegrationRecord> integrations() { return integrations; }
    public Topic<ClientKey, RiskEvent> risk() { return risk; }
    public Topic<ClientKey, DeletionCandidate> candidates() { return candidates; }
    public Topic<ClientKey, Notice> notices() { return notices; }
    public Topic<ClientKey, Approval> approvals() { return approvals; }
    public Topic<ApiIdentityKey, ApprovedDeletion> deletionsApproved() { return deletionsApproved; }
    public Topic<ClientKey, Rejection> rejected() { return rejected; }
    public Topic<ClientKey, Outcome> outcomes() { return outcomes; }
    public Topic<ClientKey, QuarantineEntry> quarantine() { return quarantine; }
    public Topic<OrgKey, CollectorCheckpoint> checkpoints() { return checkpoints; }
    public Topic<OrgKey, CollectorOrg> collectorOrgs() { return collectorOrgs; }
    public Topic<OrgKey, ControlCommand> control() { return control; }
    public Topic<ClientKey, RiskEvent> riskOcsf() { return riskOcsf; }

    /** In catalog order. */
    public List<Topic<?, ?>> all() {
        return List.of(clients, snapshots, activity, authorization, integrations, risk, candidates, notices, approvals, deletionsApproved,
                rejected, outcomes, quarantine, checkpoints, collectorOrgs, control, riskOcsf);
    }
}
