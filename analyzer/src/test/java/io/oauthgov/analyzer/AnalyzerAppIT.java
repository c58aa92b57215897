package io.oauthgov.analyzer;

import static io.oauthgov.analyzer.Fixtures.APPROVER;
import static io.oauthgov.analyzer.Fixtures.EXECUTOR;
import static io.oauthgov.analyzer.Fixtures.ORG;
import static io.oauthgov.analyzer.Fixtures.client;
import static io.oauthgov.analyzer.Fixtures.days;
import static io.oauthgov.analyzer.Fixtures.integration;
import static io.oauthgov.analyzer.Fixtures.key;
import static io.oauthgov.analyzer.Fixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.kafka.embedded.EmbeddedKafkaBroker;
import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.registry.RestSchemaRegistryClient;
import io.oauthgov.schemas.registry.SchemaRegistryServer;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.Topic;
import io.oauthgov.schemas.topics.OrgWide;
import io.oauthgov.schemas.topics.TopicCatalog;
import io.oauthgov.schemas.topics.TopicProvisioner;
import io.oauthgov.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyzer on a real broker with exactly-once v2: inputs produced through the catalog topics, outputs read
 * read_committed. Stale machine clients become candidates and nothing else does; an approval passes the gate; a
 * second instance with the same application id joins, takes over part of the work from the changelogs, and the
 * combined output has no duplicate candidate, risk event or approved deletion.
 */
class AnalyzerAppIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private static EmbeddedKafkaBroker broker;
    private static SchemaRegistryServer registry;
    private static Topics topics;

    @TempDir
    static Path stateDirs;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        registry = SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0);
        topics = Topics.bind(SerdeFactory.avro(new RestSchemaRegistryClient(registry.url())));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            new TopicProvisioner(admin).ensure(TopicCatalog.ALL, (short) 1);
        }
    }

    @AfterAll
    static void stopBroker() {
        registry.close();
        broker.close();
    }

    private static AnalyzerApp analyzer(String instance) throws InterruptedException {
        AnalyzerApp app = AnalyzerApp.start(AnalyzerApp.Config.builder(broker.bootstrapServers())
                        .applicationId("analyzer-it")
                        .stateDir(stateDirs.resolve(instance))
                        .replicationFactor(1)
                        .schemaRegistryUrl(registry.url())
                        .override(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100)
                        .override(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000)
                        .build(),
                Fixtures.policyWithoutNoticePeriod(),
                AnalyzerSettings.builder().approvers(ORG, APPROVER).executorIdentity(ORG, EXECUTOR)
                        .punctuationInterval(Duration.ofMillis(200)).build());
        assertThat(app.awaitRunning(DEADLINE)).as(instance + " reaches RUNNING").isTrue();
        return app;
    }

    @Test
    void proposesOnlyStaleMachineClientsPassesApprovalsAndSharesWorkWithoutDuplicates() throws Exception {
        Instant now = Instant.now();
        Instant evidenceTime = now.minusSeconds(60);
        Instant clientTime = now.minusSeconds(30);
        // Evidence and registry entries carry earlier timestamps than the clients, so Streams processes them first.
        send(topics.snapshots(), new OrgKey(ORG), Fixtures.manifest(Fixtures.SNAPSHOT, true, now), evidenceTime);
        List<OAuthClientSnapshot> clients = List.of(
                client("c-stale", now).build(),
                client("c-disabled", now).setState("disabled").build(),
                client("c-used", now).setDateModified(now.minus(days(800))).build(),
                client("c-recent", now).setDateCreated(now.minus(days(10))).build(),
                client("c-protected", now).build(),
                client("c-code", now).setAuthorizedGrantType("CODE").build(),
                client("c-admin", now).setScope(List.of("admin")).build());
        for (OAuthClientSnapshot c : clients) {
            send(topics.integrations(), key(c.getId()), integration(c.getId(), c.getId().equals("c-protected"), now), evidenceTime);
        }
        send(topics.activity(), key("c-stale"), usage("c-stale", now.minus(days(250)), 10), evidenceTime);
        send(topics.activity(), key("c-used"), usage("c-used", now.minus(days(1)), 10), evidenceTime);
        send(topics.activity(), key("c-protected"), usage("c-protected", now.minus(days(300)), 10), evidenceTime);
        send(topics.activity(), key("c-code"), usage("c-code", now.minus(days(300)), 10), evidenceTime);
        send(topics.activity(), key("c-admin"), usage("c-admin", now.minus(days(1)), 10), evidenceTime);
        sendRaw(TopicCatalog.ACTIVITY.name(), new byte[] {1, 2, 3}, evidenceTime);
        // As the registry import and the collector do: the org's import marker and its evidence coverage, on every partition.
        sendToEveryPartition(topics.integrations(), OrgWide.key(ORG), Fixtures.importMarker(now), evidenceTime);
        sendToEveryPartition(topics.activity(), OrgWide.key(ORG),
                Fixtures.coverage("collection-1", now.minus(days(400)), now, 1_000, now), evidenceTime);
        for (OAuthClientSnapshot c : clients) {
            send(topics.clients(), key(c.getId()), c, clientTime);
        }

        try (Outputs<ClientKey, DeletionCandidate> candidates = new Outputs<>(topics.candidates());
             Outputs<ClientKey, RiskEvent> risk = new Outputs<>(topics.risk());
             Outputs<io.oauthgov.avro.ApiIdentityKey, ApprovedDeletion> approved = new Outputs<>(topics.deletionsApproved());
             Outputs<ClientKey, Rejection> rejected = new Outputs<>(topics.rejected());
             AnalyzerApp first = analyzer("first")) {

            await().atMost(DEADLINE).until(() -> candidates.poll().size() >= 2 && risk.poll().size() >= 5 && !rejected.poll().isEmpty());
            assertThat(candidates.keys()).as("exactly the stale machine clients")
                    .containsExactlyInAnyOrder("c-stale", "c-disabled");
            assertThat(risk.byKey().get("c-admin")).singleElement().satisfies(e ->
                    assertThat(e.getFindings()).extracting(Finding::getRuleId).containsExactly("high-risk-scopes"));
            assertThat(rejected.values()).singleElement().satisfies(r -> {
                assertThat(r.getReason()).isEqualTo(RejectionReason.DESERIALIZATION_FAILED);
                assertThat(r.getSourceTopic()).isEqualTo(TopicCatalog.ACTIVITY.name());
            });

            approve(candidates.byKey().get("c-stale").get(0), "appr-1");
            await().atMost(DEADLINE).until(() -> approved.poll().size() >= 1);

            try (AnalyzerApp second = analyzer("second")) {
                await().atMost(DEADLINE).until(() -> hasActiveTasks(second) && hasActiveTasks(first));

                approve(candidates.byKey().get("c-disabled").get(0), "appr-2");
                await().atMost(DEADLINE).until(() -> approved.poll().size() >= 2);
                // Both instances keep re-evaluating every 200 ms; for two seconds nothing may be emitted again.
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                        candidates.poll().size() == 2 && risk.poll().size() == 5 && approved.poll().size() == 2);
            }

            assertThat(candidates.values()).extracting(DeletionCandidate::getCandidateId).doesNotHaveDuplicates();
            assertThat(risk.byKey()).as("one risk event per flagged client")
                    .containsOnlyKeys("c-stale", "c-disabled", "c-protected", "c-code", "c-admin")
                    .allSatisfy((client, events) -> assertThat(events).hasSize(1));
            assertThat(approved.values()).extracting(ApprovedDeletion::getApprovalId).containsExactlyInAnyOrder("appr-1", "appr-2");
            assertThat(approved.records()).allSatisfy(r -> assertThat(r.key().getIdentityId()).isEqualTo(EXECUTOR));
            assertThat(rejected.poll()).as("no approval was refused").hasSize(1);
        }
    }

    private static boolean hasActiveTasks(AnalyzerApp app) {
        return app.streams().metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty());
    }

    private static void approve(DeletionCandidate candidate, String approvalId) throws Exception {
        send(topics.approvals(), key(candidate.getClientId()), Fixtures.approval(approvalId, candidate.getClientId(),
                candidate.getCandidateId(), candidate.getFingerprint(), Instant.now()).build(), Instant.now());
    }

    private static <K extends SpecificRecord, V extends SpecificRecord> void send(Topic<K, V> topic, K key, V value, Instant at)
            throws Exception {
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(producerConfig(), topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), null, at.toEpochMilli(), key, value)).get();
        }
    }

    private static <K extends SpecificRecord, V extends SpecificRecord> void sendToEveryPartition(Topic<K, V> topic, K key, V value,
                                                                                                   Instant at) throws Exception {
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(producerConfig(), topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            for (int partition = 0; partition < topic.spec().partitions(); partition++) {
                producer.send(new ProducerRecord<>(topic.name(), partition, at.toEpochMilli(), key, value)).get();
            }
        }
    }

    private static void sendRaw(String topic, byte[] value, Instant at) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, at.toEpochMilli(), null, value)).get();
        }
    }

    private static Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
    }

    /** Everything committed to one output topic so far, read_committed, accumulated across polls. */
    private static final class Outputs<K extends SpecificRecord, V extends SpecificRecord> implements AutoCloseable {
        private final KafkaConsumer<K, V> consumer;
        private final List<ConsumerRecord<K, V>> records = new ArrayList<>();

        Outputs(Topic<K, V> topic) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    topic.keySerde().deserializer(), topic.valueSerde().deserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        List<ConsumerRecord<K, V>> poll() {
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            return records;
        }

        List<ConsumerRecord<K, V>> records() {
            return records;
        }

        List<V> values() {
            return records.stream().map(ConsumerRecord::value).toList();
        }

        List<String> keys() {
            return records.stream().map(r -> clientIdOf(r.key())).toList();
        }

        Map<String, List<V>> byKey() {
            return records.stream().collect(Collectors.groupingBy(r -> clientIdOf(r.key()),
                    Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
        }

        private static String clientIdOf(SpecificRecord key) {
            return key instanceof ClientKey k ? k.getClientId() : String.valueOf(key);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

}
