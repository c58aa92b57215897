package io.oauthgov.analyzer.topology;

import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.analyzer.evaluation.OrgCoverage;
import io.oauthgov.analyzer.metrics.AnalyzerMetrics;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.AuthorizationSnapshot;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.SnapshotManifest;
import io.oauthgov.avro.Stage;
import io.oauthgov.schemas.topics.Topic;
import io.oauthgov.schemas.topics.Topics;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The analyzer's topology, built by one pure function (no I/O, no clock): the five per-client input topics, all
 * keyed by ClientKey and co-partitioned, are mapped onto {@link Input} and merged into one {@link ClientEvaluator}
 * that owns every client's state; its output is routed to the risk, candidates, approved-deletions and rejected
 * topics. Snapshot manifests are a global table, so the evaluator can refuse clients of unverified snapshots
 * whatever partition they arrive on; so are each org's roles and divisions, which turn a client's roleDivisions into
 * what it may do.
 *
 * <pre>
 *  genesys.oauth.clients ─┐
 *  genesys.oauth.activity ┼─ merge ─► client-evaluator ─► governance.risk (+ governance.risk.ocsf, OCSF JSON)
 *  governance.integrations┤          (stores: clients,   ├► governance.candidates (tombstone = withdrawn)
 *  governance.notices ────┤           activity, integr.,  ├► governance.deletions.approved (keyed by identity)
 *  governance.approvals ──┘           verdicts, notices)  └► governance.rejected
 *  genesys.oauth.snapshots ─► global manifests
 *  genesys.authorization ───► global roles and divisions per org
 * </pre>
 *
 * Every stateful step is named by a constant below; the store names are part of the changelog topic names, so
 * renaming one loses state on upgrade (a test pins {@code describe()}).
 */
public final class GovernanceTopology {
    public static final String CLIENTS_SOURCE = "analyzer-clients-source";
    public static final String ACTIVITY_SOURCE = "analyzer-activity-source";
    public static final String INTEGRATIONS_SOURCE = "analyzer-integrations-source";
    public static final String APPROVALS_SOURCE = "analyzer-approvals-source";
    public static final String NOTICES_SOURCE = "analyzer-notices-source";
    /** Base name of the global table's nodes: Streams appends "-source" and "-processor". */
    public static final String MANIFESTS_SOURCE = "analyzer-manifests-table";
    /** Base name of the roles-and-divisions global table's nodes. */
    public static final String AUTHORIZATION_SOURCE = "analyzer-authorization-table";

    public static final String CLIENTS_STORE = "analyzer-clients";
    public static final String ACTIVITY_STORE = "analyzer-activity";
    public static final String INTEGRATIONS_STORE = "analyzer-integrations";
    public static final String VERDICTS_STORE = "analyzer-verdicts";
    public static final String MANIFESTS_STORE = "analyzer-manifests";
    public static final String AUTHORIZATION_STORE = "analyzer-authorization";
    public static final String COVERAGE_STORE = "analyzer-coverage";
    public static final String ORG_STORE = "analyzer-orgs";
    /** The evaluator's in-memory, un-logged buffer of evidence folded since the last commit (no changelog topic). */
    public static final String PENDING_EVIDENCE_STORE = "analyzer-pending-evidence";
    /** The internal repartition topic (by org) between the per-client evaluator and the org governor. */
    public static final String ORG_SIGNALS = "analyzer-org-signals";
    public static final String ORG_GOVERNOR = "analyzer-org-governor";

    public static final String EVALUATOR = "analyzer-client-evaluator";
    public static final String ROUTE = "analyzer-route-";
    public static final String RISK_SINK = "analyzer-risk-sink";
    /** The same events as OCSF JSON, in the same transaction (exactly-once), keyed as {@link #RISK_SINK}'s. */
    public static final String RISK_OCSF_SINK = "analyzer-risk-ocsf-sink";
    public static final String CANDIDATES_SINK = "analyzer-candidates-sink";
    public static final String APPROVED_SINK = "analyzer-approved-sink";
    public static final String REJECTED_SINK = "analyzer-rejected-sink";

    private GovernanceTopology() {}

    /** Convenience for tests and the runner: a fresh builder, built. */
    public static Topology topology(Policy policy, AnalyzerSettings settings, Topics topics) {
        return topology(policy, settings, topics, AnalyzerMetrics.none());
    }

    /** @param metrics counts what goes to each sink (risk, candidates, approved, rejected) */
    public static Topology topology(Policy policy, AnalyzerSettings settings, Topics topics, AnalyzerMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, policy, settings, topics, metrics);
        return builder.build();
    }

    public static void build(StreamsBuilder builder, Policy policy, AnalyzerSettings settings, Topics topics, AnalyzerMetrics metrics) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(settings, "settings");
        Serde<ClientKey> clientKey = topics.clients().keySerde();

        builder.globalTable(topics.snapshots().name(),
                consumed(topics.snapshots(), MANIFESTS_SOURCE),
                Materialized.<OrgKey, SnapshotManifest, KeyValueStore<Bytes, byte[]>>as(MANIFESTS_STORE)
                        .withKeySerde(topics.snapshots().keySerde())
                        .withValueSerde(new MemoizingSerde<>(topics.snapshots().valueSerde())));

        // Roles and divisions per org, whatever partition a client arrives on: a client's privilege is judged against
        // its org's latest verified roles. A change of roles reaches clients at the next punctuation.
        builder.globalTable(topics.authorization().name(),
                consumed(topics.authorization(), AUTHORIZATION_SOURCE),
                Materialized.<OrgKey, AuthorizationSnapshot, KeyValueStore<Bytes, byte[]>>as(AUTHORIZATION_STORE)
                        .withKeySerde(topics.authorization().keySerde())
                        .withValueSerde(new MemoizingSerde<>(topics.authorization().valueSerde())));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLIENTS_STORE),
                clientKey, topics.clients().valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACTIVITY_STORE),
                clientKey, StateSerdes.activity()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INTEGRATIONS_STORE),
                clientKey, topics.integrations().valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(VERDICTS_STORE),
                clientKey, StateSerdes.verdicts()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COVERAGE_STORE),
                topics.snapshots().keySerde(), new JsonSerde<>(OrgCoverage.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORG_STORE),
                topics.snapshots().keySerde(), new JsonSerde<>(OrgState.class)));
        builder.addStateStore(PendingEvidence.builder(PENDING_EVIDENCE_STORE));

        KStream<ClientKey, Input> clients = builder.stream(topics.clients().name(), consumed(topics.clients(), CLIENTS_SOURCE))
                .mapValues(GovernanceTopology::clientInput, Named.as("analyzer-clients-input"));
        KStream<ClientKey, Input> activity = builder.stream(topics.activity().name(), consumed(topics.activity(), ACTIVITY_SOURCE))
                .mapValues(GovernanceTopology::activityInput, Named.as("analyzer-activity-input"));
        KStream<ClientKey, Input> integrations = builder.stream(topics.integrations().name(),
                        consumed(topics.integrations(), INTEGRATIONS_SOURCE))
                .mapValues(GovernanceTopology::integrationInput, Named.as("analyzer-integrations-input"));
        KStream<ClientKey, Input> notices = builder.stream(topics.notices().name(), consumed(topics.notices(), NOTICES_SOURCE))
                .mapValues(Input.NoticeSent::new, Named.as("analyzer-notices-input"));
        KStream<ClientKey, Input> approvals = builder.stream(topics.approvals().name(), consumed(topics.approvals(), APPROVALS_SOURCE))
                .mapValues(GovernanceTopology::approvalInput, Named.as("analyzer-approvals-input"));

        KStream<ClientKey, Output> evaluated = clients
                .merge(activity, Named.as("analyzer-merge-activity"))
                .merge(integrations, Named.as("analyzer-merge-integrations"))
                .merge(notices, Named.as("analyzer-merge-notices"))
                .merge(approvals, Named.as("analyzer-merge-approvals"))
                .process(() -> new ClientEvaluator(policy, settings, metrics), Named.as(EVALUATOR),
                        CLIENTS_STORE, ACTIVITY_STORE, INTEGRATIONS_STORE, VERDICTS_STORE, COVERAGE_STORE,
                        PENDING_EVIDENCE_STORE);

        KStream<ClientKey, Output> governed = evaluated
                .filter((k, v) -> v instanceof Output.Org, Named.as("analyzer-org-signals-only"))
                .map((k, v) -> KeyValue.pair(((Output.Org) v).key(), ((Output.Org) v).signal()),
                        Named.as("analyzer-org-signal-by-org"))
                .repartition(Repartitioned.<OrgKey, OrgSignal>as(ORG_SIGNALS)
                        .withKeySerde(topics.snapshots().keySerde())
                        .withValueSerde(new JsonSerde<>(OrgSignal.class)))
                .process(() -> new OrgGovernor(policy), Named.as(ORG_GOVERNOR), ORG_STORE);

        KStream<ClientKey, Output> outputs = evaluated
                .filterNot((k, v) -> v instanceof Output.Org, Named.as("analyzer-client-outputs"))
                .merge(governed, Named.as("analyzer-merge-governed"));

        outputs.split(Named.as(ROUTE))
                .branch((k, v) -> v instanceof Output.Risk, Branched.withConsumer(risk -> {
                    KStream<ClientKey, RiskEvent> events = risk
                            .mapValues(v -> metrics.risk(((Output.Risk) v).event()), Named.as("analyzer-risk-value"));
                    events.to(topics.risk().name(), produced(topics.risk(), RISK_SINK));
                    events.to(topics.riskOcsf().name(), produced(topics.riskOcsf(), RISK_OCSF_SINK));
                }, "risk"))
                .branch((k, v) -> v instanceof Output.Candidate, Branched.withConsumer(candidates -> candidates
                        .mapValues((k, v) -> metrics.candidate(k, ((Output.Candidate) v).candidate()), Named.as("analyzer-candidates-value"))
                        .to(topics.candidates().name(), produced(topics.candidates(), CANDIDATES_SINK)), "candidates"))
                .branch((k, v) -> v instanceof Output.Approved, Branched.withConsumer(approved -> approved
                        // Re-keyed by executor identity; only a sink follows, so this never repartitions.
                        .map((k, v) -> KeyValue.pair(((Output.Approved) v).identity(), metrics.approved(((Output.Approved) v).deletion())),
                                Named.as("analyzer-approved-by-identity"))
                        .to(topics.deletionsApproved().name(), produced(topics.deletionsApproved(), APPROVED_SINK)), "approved"))
                .branch((k, v) -> v instanceof Output.Rejected, Branched.withConsumer(rejected -> rejected
                        .map((k, v) -> KeyValue.pair(((Output.Rejected) v).key(), metrics.rejected(((Output.Rejected) v).rejection())),
                                Named.as("analyzer-rejected-value"))
                        .to(topics.rejected().name(), produced(topics.rejected(), REJECTED_SINK)), "rejected"))
                .noDefaultBranch();
    }

    /** A null client value is a tombstone: the client vanished in a verified snapshot. */
    private static Input clientInput(OAuthClientSnapshot snapshot) {
        return snapshot == null ? new Input.ClientRemoved() : new Input.ClientChanged(snapshot);
    }

    /** The activity topic is not compacted: a null value carries no meaning and is refused, not skipped. */
    private static Input activityInput(ActivityEvidence evidence) {
        return evidence == null ? new Input.Malformed(Stage.ANALYZER, "activity record without a value") : new Input.Evidence(evidence);
    }

    /** A null integration value is refused by the evaluator (BARE_TOMBSTONE): removals are explicit records. */
    private static Input integrationInput(IntegrationRecord integration) {
        return new Input.IntegrationChanged(integration);
    }

    private static Input approvalInput(Approval approval) {
        return approval == null ? new Input.Malformed(Stage.APPROVAL_GATE, "approval record without a value")
                : new Input.ApprovalReceived(approval);
    }

    private static <K extends SpecificRecord, V extends SpecificRecord> Consumed<K, V> consumed(Topic<K, V> topic, String name) {
        return Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }

    private static <K extends SpecificRecord, V extends SpecificRecord> Produced<K, V> produced(Topic<K, V> topic, String name) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }
}
