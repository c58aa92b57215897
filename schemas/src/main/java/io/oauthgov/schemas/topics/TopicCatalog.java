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
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every topic of the pipeline, declared once. Producers, consumers, the Streams topology, {@code oauthgov topics}
 * and the README's topic table all read these entries; nothing else spells a topic name.
 */
public final class TopicCatalog {
    private static final int DATA_PARTITIONS = 6;

    public static final TopicSpec<ClientKey, OAuthClientSnapshot> CLIENTS = new TopicSpec<>(
            "genesys.oauth.clients", ClientKey.class, OAuthClientSnapshot.class, DATA_PARTITIONS,
            CleanupPolicy.COMPACT, null,
            "Latest observed state of every OAuth client (secret dropped); tombstone = vanished in a verified snapshot");

    public static final TopicSpec<OrgKey, SnapshotManifest> SNAPSHOTS = new TopicSpec<>(
            "genesys.oauth.snapshots", OrgKey.class, SnapshotManifest.class, DATA_PARTITIONS,
            CleanupPolicy.DELETE, Duration.ofDays(90),
            "One manifest per finished registry snapshot; verified=false snapshots are never trusted");

    public static final TopicSpec<ClientKey, ActivityEvidence> ACTIVITY = new TopicSpec<>(
            "genesys.oauth.activity", ClientKey.class, ActivityEvidence.class, DATA_PARTITIONS,
            CleanupPolicy.DELETE, Duration.ofDays(400),
            "Evidence of use (usage rows, audit entries) and of changes; kept longer than any stale window for replay");

    public static final TopicSpec<OrgKey, AuthorizationSnapshot> AUTHORIZATION = new TopicSpec<>(
            "genesys.authorization", OrgKey.class, AuthorizationSnapshot.class, 1,
            CleanupPolicy.COMPACT, null,
            "Each organization's roles (with permission policies) and divisions from its latest verified read");

    public static final TopicSpec<ClientKey, IntegrationRecord> INTEGRATIONS = new TopicSpec<>(
            "governance.integrations", ClientKey.class, IntegrationRecord.class, DATA_PARTITIONS,
            CleanupPolicy.COMPACT, null,
            "Integration registry (CMDB): owner, criticality and protection of each client");

    public static final TopicSpec<ClientKey, RiskEvent> RISK = new TopicSpec<>(
            "governance.risk", ClientKey.class, RiskEvent.class, DATA_PARTITIONS,
            CleanupPolicy.DELETE, Duration.ofDays(90),
            "Risk findings for SIEMs (OCSF Detection Finding), one event per change of a client's findings");

    public static final TopicSpec<ClientKey, DeletionCandidate> CANDIDATES = new TopicSpec<>(
            "governance.candidates", ClientKey.class, DeletionCandidate.class, DATA_PARTITIONS,
            CleanupPolicy.COMPACT, null,
            "Clients the policy would delete, with the fingerprint an approval must quote; tombstone = withdrawn");

    public static final TopicSpec<ClientKey, Notice> NOTICES = new TopicSpec<>(
            "governance.notices", ClientKey.class, Notice.class, DATA_PARTITIONS,
            CleanupPolicy.COMPACT, null,
            "Who was told about each client's candidate and when (the notice period before approvals counts from it)");

    public static final TopicSpec<ClientKey, Approval> APPROVALS = new TopicSpec<>(
            "governance.approvals", ClientKey.class, Approval.class, DATA_PARTITIONS,
            CleanupPolicy.DELETE, Duration.ofDays(90),
            "Decisions from approval systems (APPROVE or REJECT a candidate)");

    public static final TopicSpec<ApiIdentityKey, ApprovedDeletion> DELETIONS_APPROVED = new TopicSpec<>(
            "governance.deletions.approved", ApiIdentityKey.class, ApprovedDeletion.class, DATA_PARTITIONS,
            CleanupPolicy.DELETE, Duration.ofDays(30),
            "Approvals that passed the gate, keyed by the executor identity that owns the rate budget");

    public static final TopicSpec<ClientKey, Rejection> REJECTED = new TopicSpec<>(
            "governance.rejected", ClientKey.class, Rejection.class, DATA_PARTITIONS,
            CleanupPolicy.DELETE, Duration.ofDays(90),
            "Everything a stage refused, with a machine-readable reason (null key when the input was unreadable)");

    public static final TopicSpec<ClientKey, Outcome> OUTCOMES = new TopicSpec<>(
            "governance.outcomes", ClientKey.class, Outcome.class, DATA_PARTITIONS,
            CleanupPolicy.DELETE, Duration.ofDays(365),
            "What the executor did, exactly one terminal outcome per approval");

    public static final TopicSpec<ClientKey, QuarantineEntry> QUARANTINE = new TopicSpec<>(
            "governance.quarantine", ClientKey.class, QuarantineEntry.class, DATA_PARTITIONS,
            CleanupPolicy.COMPACT, null,
            "Deactivated clients awaiting the end of quarantine before the delete; tombstone = finished");

    public static final TopicSpec<OrgKey, CollectorCheckpoint> CHECKPOINTS = new TopicSpec<>(
            "governance.collector.checkpoints", OrgKey.class, CollectorCheckpoint.class, 1,
            CleanupPolicy.COMPACT, null,
            "How far the collector has read each organization's evidence");

    /**
     * The organizations collector instances share: each instance announces the orgs it has credentials for, and the
     * instances of one consumer group split the partitions, so each org is collected by exactly one live instance.
     * More partitions than instances are expected, so the orgs spread; no secret is in an entry.
     */
    public static final TopicSpec<OrgKey, CollectorOrg> COLLECTOR_ORGS = new TopicSpec<>(
            "governance.collector.orgs", OrgKey.class, CollectorOrg.class, 12,
            CleanupPolicy.COMPACT, null,
            "Organizations collector instances share through their consumer group: the instance assigned an org's partition collects it");

    /**
     * Not compacted: a compaction keeps only a key's latest record and then drops tombstones too, so a stray null on
     * an org's key would erase its KILL_SWITCH_ON for every executor started afterwards. An append-only log kept
     * forever (operator commands are few) keeps every explicit ON/OFF; the executor refuses nulls and reads the
     * latest ON/OFF per org.
     */
    public static final TopicSpec<OrgKey, ControlCommand> CONTROL = new TopicSpec<>(
            "governance.control", OrgKey.class, ControlCommand.class, 1,
            CleanupPolicy.DELETE, null,
            "Operator commands, append-only and kept forever (never compacted): kill switch by org or '*' (latest ON/OFF wins; a null changes nothing), restore by org/client");

    /** {@link #RISK}'s events again, rendered as OCSF JSON in the same transaction, keyed as {@link #RISK} is. */
    public static final TopicSpec<ClientKey, RiskEvent> RISK_OCSF = new TopicSpec<>(
            "governance.risk.ocsf", ClientKey.class, RiskEvent.class, DATA_PARTITIONS,
            CleanupPolicy.DELETE, Duration.ofDays(90),
            "Every risk event again as OCSF 1.8.0 Detection Finding JSON (UTF-8, not Avro) for SIEMs with a plain JSON converter",
            ValueFormat.OCSF_JSON);

    public static final List<TopicSpec<?, ?>> ALL = List.of(
            CLIENTS, SNAPSHOTS, ACTIVITY, AUTHORIZATION, INTEGRATIONS, RISK, CANDIDATES, NOTICES, APPROVALS, DELETIONS_APPROVED,
            REJECTED, OUTCOMES, QUARANTINE, CHECKPOINTS, COLLECTOR_ORGS, CONTROL, RISK_OCSF);

    private TopicCatalog() {}

    public static Optional<TopicSpec<?, ?>> byName(String name) {
        return ALL.stream().<TopicSpec<?, ?>>map(t -> t).filter(t -> t.name().equals(name)).findFirst();
    }
}
