package io.oauthgov.executor;

import io.oauthgov.avro.ApiIdentityKey;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.ControlAction;
import io.oauthgov.avro.ControlCommand;
import io.oauthgov.avro.Criticality;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.genesys.snapshot.ClientSnapshots;
import io.oauthgov.executor.control.ControlKeys;
import io.oauthgov.executor.metrics.ExecutorMetrics;
import io.oauthgov.executor.trust.ApprovalTrust;
import io.oauthgov.executor.trust.ApprovalVerifier;
import io.oauthgov.schemas.approval.ApprovalSignature;
import io.oauthgov.genesys.ClientCredentials;
import io.oauthgov.genesys.Endpoints;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.genesys.model.OAuthClient;
import io.oauthgov.schemas.fingerprint.ClientFingerprint;
import io.oauthgov.schemas.topics.Topic;
import io.oauthgov.schemas.topics.TopicLogReader;
import io.oauthgov.schemas.topics.Topics;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.generator.Category;
import io.oauthgov.simulator.generator.ClientTruth;
import io.oauthgov.simulator.generator.RegistryEntry;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.IdentityRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;

/**
 * What the executor's integration tests share: approvals made the way the analyzer makes them (the judged snapshot
 * read from the simulator before any mid-run change, its fingerprint), the integration registry, control commands,
 * running an executor on a thread, and reading outcomes back for one org.
 */
final class ExecutorFixture {
    /** The approval system's key in these tests; the executor verifies every approval with it. */
    static final byte[] HMAC_KEY = "executor-it-approval-key-0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    static final String APPROVER = "it@oauthgov.test";
    /** Who may approve (anyone listed for every org) and the key: what {@code oauthgov execute} reads from analyzer.properties. */
    static final ApprovalTrust TRUST = ApprovalTrust.of(HMAC_KEY, Map.of(ApprovalTrust.ALL_ORGS, java.util.Set.of(APPROVER)));
    /** Limits wide enough for the tests that are not about limits (they approve a fifth of a small org at once). */
    static final ExecutorLimits NO_LIMITS = new ExecutorLimits(100_000, 1.0);

    final Topics topics;
    final Map<String, Object> kafka;
    final GenesysSimulator simulator;
    final String orgId;

    private final int orgIndex;

    ExecutorFixture(Topics topics, Map<String, Object> kafka, GenesysSimulator simulator) {
        this(topics, kafka, simulator, 0);
    }

    /** For the simulator's org at {@code orgIndex}. */
    ExecutorFixture(Topics topics, Map<String, Object> kafka, GenesysSimulator simulator, int orgIndex) {
        this.topics = topics;
        this.kafka = kafka;
        this.simulator = simulator;
        this.orgIndex = orgIndex;
        this.orgId = simulator.orgIds().get(orgIndex);
    }

    ApiIdentity executorIdentity() {
        return simulator.identity(orgId, IdentityRole.EXECUTOR);
    }

    GenesysClient executorApi(GovernanceConfig config) {
        ApiIdentity identity = executorIdentity();
        return GenesysClient.connect(orgId, Endpoints.local(simulator.baseUrl()), new ClientCredentials(identity.clientId(), identity.secret()), config);
    }

    List<ClientTruth> truth(Category... categories) {
        List<Category> wanted = List.of(categories);
        return simulator.groundTruth().orgs().get(orgIndex).clients().stream().filter(c -> wanted.contains(c.category())).toList();
    }

    /** Approvals for the given clients, each quoting the client as read now (the analyzer's judged snapshot). */
    List<ApprovedDeletion> approve(List<ClientTruth> clients) {
        // read as the collector would, so the executor identity's budget and 429 count stay the executor's own
        ApiIdentity collector = simulator.identity(orgId, IdentityRole.COLLECTOR);
        GenesysClient reader = GenesysClient.connect(orgId, Endpoints.local(simulator.baseUrl()),
                new ClientCredentials(collector.clientId(), collector.secret()), GovernanceConfig.defaults().withRequestsPerWindow(100_000));
        List<ApprovedDeletion> approvals = new ArrayList<>();
        Instant now = Instant.now();
        for (ClientTruth truth : clients) {
            OAuthClient client = reader.oauthClients().get(truth.id()).orElseThrow();
            OAuthClientSnapshot judged = ClientSnapshots.from(client, client.authorizedGrantType(), orgId, "local", "snap-1", now);
            approvals.add(signed(ApprovedDeletion.newBuilder()
                    .setCandidateId("cand-" + truth.id())
                    .setApprovalId("appr-" + UUID.randomUUID())
                    .setOrgId(orgId)
                    .setClientId(truth.id())
                    .setIdentityId(executorIdentity().clientId())
                    .setFingerprint(ClientFingerprint.of(judged, null))
                    .setJudged(judged)
                    .setApprover(APPROVER)
                    .setApprovedAt(now)
                    .setExpiresAt(now.plus(Duration.ofDays(1)))
                    .setPassedGateAt(now)
                    .setPolicyId("default")
                    .setPolicyVersion("1")
                    .build()));
        }
        return approvals;
    }

    /** Signed as the approval system signs the approval it quotes (the analyzer's gate copies the signature). */
    static ApprovedDeletion signed(ApprovedDeletion approval) {
        return signed(approval, HMAC_KEY);
    }

    static ApprovedDeletion signed(ApprovedDeletion approval, byte[] key) {
        ApprovedDeletion copy = ApprovedDeletion.newBuilder(approval).setSignature(null).build();
        return ApprovedDeletion.newBuilder(copy).setSignature(ApprovalSignature.sign(key, ApprovalVerifier.approvalOf(copy))).build();
    }

    void publishApprovals(List<ApprovedDeletion> approvals) {
        Topic<ApiIdentityKey, ApprovedDeletion> topic = topics.deletionsApproved();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (ApprovedDeletion a : approvals) {
                send(producer, topic, new ApiIdentityKey(a.getOrgId(), a.getIdentityId()), a);
            }
        }
    }

    void publishRaw(byte[] key, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topics.deletionsApproved().name(), key, value));
        }
    }

    /** Bytes as any client with write access could produce them: garbage, or a bare tombstone (null value). */
    org.apache.kafka.clients.producer.RecordMetadata publishRaw(String topic, byte[] key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** The registry's explicit removal of a client's entry, as {@code oauthgov registry import} writes it. */
    void removeFromRegistry(String clientId) {
        IntegrationRecord removal = IntegrationRecord.newBuilder(record(clientId, "retired-integration", false))
                .setRecordType(io.oauthgov.avro.IntegrationRecordType.REMOVAL).build();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            send(producer, topics.integrations(), new ClientKey(orgId, clientId), removal);
        }
    }

    /** Evidence the collector publishes when it reads an audit entry naming the client as the caller. */
    void publishUse(String clientId, Instant at) {
        io.oauthgov.avro.ActivityEvidence evidence = io.oauthgov.avro.ActivityEvidence.newBuilder().setEvidenceId("audit-" + UUID.randomUUID())
                .setOrgId(orgId).setClientId(clientId).setSource(io.oauthgov.avro.EvidenceSource.AUDIT)
                .setRelation(io.oauthgov.avro.EvidenceRelation.USED_BY_CLIENT).setEventAt(at).setObservedAt(Instant.now()).build();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            send(producer, topics.activity(), new ClientKey(orgId, clientId), evidence);
        }
    }

    /** Old evidence on every partition of the activity topic, so none is empty when the executor seeks it. */
    void publishUseOnEveryPartition(String clientId, Instant at) {
        io.oauthgov.avro.ActivityEvidence evidence = io.oauthgov.avro.ActivityEvidence.newBuilder().setEvidenceId("audit-" + UUID.randomUUID())
                .setOrgId(orgId).setClientId(clientId).setSource(io.oauthgov.avro.EvidenceSource.AUDIT)
                .setRelation(io.oauthgov.avro.EvidenceRelation.USED_BY_CLIENT).setEventAt(at).setObservedAt(Instant.now()).build();
        ProducerRecord<byte[], byte[]> record = topics.activity().record(new ClientKey(orgId, clientId), evidence);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int p = 0; p < topics.activity().spec().partitions(); p++) {
                producer.send(new ProducerRecord<>(record.topic(), p, record.key(), record.value()));
            }
        }
    }

    /** Executor rejections, oldest first. */
    List<io.oauthgov.avro.Rejection> executorRejections() {
        return TopicLogReader.readAll(topics.rejected(), kafka, Duration.ofSeconds(30)).stream().map(TopicLogReader.Entry::value)
                .filter(r -> r != null && r.getStage() == io.oauthgov.avro.Stage.EXECUTOR).toList();
    }

    /** PUT, POST or DELETE requests made for one client (usage queries are org-wide, so never counted here). */
    List<io.oauthgov.simulator.RequestLog.Entry> changesTo(String clientId) {
        return simulator.requestLog().matching(e -> !e.method().equals("GET") && e.path().endsWith("/" + clientId));
    }

    void publishRegistry() {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (RegistryEntry e : simulator.integrationRegistry().entries()) {
                if (e.orgId().equals(orgId)) {
                    send(producer, topics.integrations(), new ClientKey(orgId, e.clientId()), record(e.clientId(), e.system(), e.protectedClient()));
                }
            }
        }
    }

    void protect(String clientId) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            send(producer, topics.integrations(), new ClientKey(orgId, clientId), record(clientId, "late-registered-integration", true));
        }
    }

    void control(ControlAction action, String org, String clientId) {
        ControlCommand command = ControlCommand.newBuilder().setCommand(action).setOrgId(org).setClientId(clientId)
                .setReason("integration test").setIssuedBy("sre@oauthgov.test").setIssuedAt(Instant.now()).build();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            send(producer, topics.control(), ControlKeys.of(command), command);
        }
    }

    private IntegrationRecord record(String clientId, String system, boolean protectedClient) {
        return IntegrationRecord.newBuilder().setOrgId(orgId).setClientId(clientId).setOwner("team-it").setSystem(system)
                .setCriticality(protectedClient ? Criticality.CRITICAL : Criticality.LOW).setProtected$(protectedClient)
                .setUpdatedAt(Instant.now()).setSource("it").build();
    }

    /** Runs an executor on a thread of its own until closed. */
    RunningExecutor start(ExecutorSettings settings, GovernanceConfig governance) throws InterruptedException {
        return start(settings, List.of(executorApi(governance)));
    }

    /** An executor acting as all the given identities. */
    RunningExecutor start(ExecutorSettings settings, List<GenesysClient> identities) throws InterruptedException {
        return start(settings, identities, ExecutorMetrics.none());
    }

    /** An executor acting as all the given identities, exporting its figures to {@code metrics}. */
    RunningExecutor start(ExecutorSettings settings, List<GenesysClient> identities, ExecutorMetrics metrics) throws InterruptedException {
        GovernanceExecutor executor = new GovernanceExecutor(topics, kafka, ApiIdentities.of(identities), settings, Clock.systemUTC(),
                metrics);
        RunningExecutor running = new RunningExecutor(executor);
        if (!executor.stats().awaitReady(60, TimeUnit.SECONDS)) {
            running.close();
            throw new IllegalStateException("executor did not start");
        }
        return running;
    }

    static final class RunningExecutor implements AutoCloseable {
        final GovernanceExecutor executor;
        final Thread thread;
        volatile Throwable failure;

        RunningExecutor(GovernanceExecutor executor) {
            this.executor = executor;
            this.thread = new Thread(() -> {
                try {
                    executor.run();
                } catch (Throwable t) {
                    failure = t;
                }
            }, "executor-under-test");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            executor.stop();
            thread.join(30_000);
        }
    }

    /** This org's outcomes, in commit order. */
    List<Outcome> outcomes() {
        return TopicLogReader.readAll(topics.outcomes(), kafka, Duration.ofSeconds(30)).stream()
                .map(TopicLogReader.Entry::value).filter(o -> o != null && o.getOrgId().equals(orgId)).toList();
    }

    /** Terminal outcome per approval (DEACTIVATED is progress, not an end). */
    Map<String, List<Outcome>> terminalByApproval() {
        return outcomes().stream().filter(o -> o.getKind() != OutcomeKind.DEACTIVATED)
                .collect(Collectors.groupingBy(Outcome::getApprovalId));
    }

    /** Waits until every approval has a terminal outcome; returns the kind per client. */
    Map<String, OutcomeKind> awaitTerminal(List<ApprovedDeletion> approvals, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(300)).until(() -> {
            Map<String, List<Outcome>> terminal = terminalByApproval();
            return approvals.stream().allMatch(a -> terminal.containsKey(a.getApprovalId()));
        });
        Map<String, OutcomeKind> kinds = new HashMap<>();
        Map<String, List<Outcome>> terminal = terminalByApproval();
        approvals.forEach(a -> kinds.put(a.getClientId(), terminal.get(a.getApprovalId()).get(0).getKind()));
        return kinds;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> configs = new HashMap<>(kafka);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(configs, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static <K extends SpecificRecord, V extends SpecificRecord> void send(KafkaProducer<byte[], byte[]> producer,
                                                                                  Topic<K, V> topic, K key, V value) {
        producer.send(topic.record(key, value));
    }
}
