package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.analyzer.AnalyzerApp;
import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.CollectorOrg;
import io.oauthgov.avro.Decision;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.Notice;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.cli.approvals.ApprovalRequests;
import io.oauthgov.cli.demo.DemoStages;
import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.cli.interop.AvroJson;
import io.oauthgov.cli.interop.NodeProject;
import io.oauthgov.schemas.approval.ApprovalSignature;
import io.oauthgov.schemas.publish.TransactionalPublisher;
import io.oauthgov.schemas.topics.Topic;
import io.oauthgov.schemas.topics.TopicCatalog;
import io.oauthgov.schemas.topics.TopicLogReader;
import io.oauthgov.schemas.topics.TopicSpec;
import io.oauthgov.schemas.topics.TopicTableReader;
import io.oauthgov.schemas.topics.ValueFormat;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.generator.ClientTruth;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent, widely used non-Java client against the embedded stack: Node's kafkajs with
 * {@code @kafkajs/confluent-schema-registry} (interop/node, nothing of oauthgov's code) produces one approval it signed
 * itself and one whose expiry was extended after signing, then reads every catalog topic through the registry API.
 * The gate passes the first (and the executor deletes the client), refuses the second as BAD_SIGNATURE, and every
 * record Node decoded carries exactly the values the project's own serdes read from the same partition and offset.
 *
 * <p>Most topics fill as the pipeline runs (registry import, collection, analyzer, Node's approvals, the executor;
 * the control topic through {@code oauthgov kill-switch off}). Two have no writer in this test's stages, so the test
 * writes one record each through the project's serdes: {@code governance.notices} (the notifier's, tested in
 * NoticeAndHttpApprovalIT) and {@code governance.collector.orgs} (the collector fleet's, tested in CollectorFleetIT).
 */
class NodeClientInteropIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Duration NODE_RUN = Duration.ofSeconds(60);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void kafkajsDecodesEveryTopicAndItsSignedApprovalIsExecutedWhileATamperedOneIsRejected(@TempDir Path dir) throws Exception {
        NodeProject node = NodeProject.installed(Path.of("target", "npm-cache").toAbsolutePath());
        try (EmbeddedEnvironment environment = EmbeddedEnvironment.start();
             GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(40).seed(1818)
                     .identityRateLimit(20_000).orgRateLimit(0).queryStageDuration(Duration.ofMillis(20)).start()) {
            DemoStages stages = new DemoStages(environment, simulator, 20_000);
            List<String> kafka = List.of("--bootstrap-servers", environment.bootstrapServers(),
                    "--schema-registry-url", environment.schemaRegistryUrl());
            stages.importRegistry();
            stages.collect(line -> { });

            DeletionCandidate signedByNode;
            Approval tampered;
            NodeProject.Run approve;
            try (AnalyzerApp analyzer = stages.startAnalyzer(DemoStages.demoPolicy(), dir.resolve("state"))) {
                stages.awaitAnalyzer(DEADLINE);
                stages.confirmSurges();
                List<DeletionCandidate> deletable = deletableCandidates(environment, simulator);
                assertThat(deletable).as("the simulated org has clients the pipeline deletes").hasSizeGreaterThanOrEqualTo(2);
                signedByNode = deletable.get(0);
                tampered = expiryExtendedAfterSigning(deletable.get(1), stages.approvalKey());

                approve = node.run(NODE_RUN, Map.of(AnalyzerSettings.HMAC_KEY_ENV, new String(stages.approvalKey(), StandardCharsets.UTF_8)),
                        concat(kafka, "--approval", approvalRequest(signedByNode), "--approval", json.writeValueAsString(asJson(tampered))));
                assertThat(approve.exitCode()).as(approve.describe()).isZero();
                assertThat(approve.lines("produced")).as(approve.describe()).hasSize(2);
                stages.awaitAnalyzer(DEADLINE);
            }
            String nodeApprovalId = approve.lines("produced").get(0).path("approval").path("approvalId").asText();

            Approval readBack = approvals(environment).stream().filter(a -> a.getApprovalId().equals(nodeApprovalId)).findFirst().orElseThrow();
            assertThat(readBack.getSignature()).as("Node's HMAC over the canonical fields is the one Java computes")
                    .isEqualTo(ApprovalSignature.sign(stages.approvalKey(), readBack));
            assertThat(values(environment.topics().deletionsApproved(), environment)).as("the gate passed the approval Node signed")
                    .extracting(ApprovedDeletion::getApprovalId, ApprovedDeletion::getClientId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(nodeApprovalId, signedByNode.getClientId()));
            assertThat(values(environment.topics().rejected(), environment)).as("the approval whose expiry was extended after signing")
                    .filteredOn(r -> tampered.getApprovalId().equals(r.getApprovalId()))
                    .extracting(Rejection::getReason).containsExactly(RejectionReason.BAD_SIGNATURE);

            CliRun killSwitchOff = CliRun.of(concat(List.of("kill-switch", "off", "--reason", "interop test", "--issued-by", "it@x"), kafka)
                    .toArray(String[]::new));
            assertThat(killSwitchOff.exitCode()).as(killSwitchOff.err()).isZero();
            publishWithoutStage(environment, signedByNode);
            stages.execute(true, Duration.ofSeconds(1), line -> { });
            assertThat(values(environment.topics().outcomes(), environment)).as("the executor acted on Node's approval")
                    .filteredOn(o -> o.getApprovalId().equals(nodeApprovalId)).extracting(Outcome::getKind)
                    .containsExactly(OutcomeKind.DEACTIVATED, OutcomeKind.DELETED);
            assertThat(simulator.deletionLog().wasDeleted(signedByNode.getClientId())).isTrue();

            List<String> names = TopicCatalog.ALL.stream().map(TopicSpec::name).toList();
            String jsonTopics = TopicCatalog.ALL.stream().filter(t -> t.valueFormat() == ValueFormat.OCSF_JSON).map(TopicSpec::name)
                    .collect(Collectors.joining(","));
            NodeProject.Run read = node.run(NODE_RUN, Map.of(), concat(kafka, "--topics", String.join(",", names),
                    "--json-topics", jsonTopics, "--timeout-seconds", Long.toString(NODE_RUN.toSeconds() - 15)));
            assertThat(read.exitCode()).as(read.describe()).isZero();
            Map<String, JsonNode> decoded = read.lines("decoded").stream().collect(Collectors.toMap(l -> l.path("topic").asText(), l -> l));
            assertThat(decoded.keySet()).as("kafkajs decoded a record of every catalog topic").containsExactlyInAnyOrderElementsOf(names);
            assertSameValuesAsJava(environment, decoded);
        }
    }

    /** Candidates the simulator's ground truth says the pipeline deletes, in a stable order. */
    private static List<DeletionCandidate> deletableCandidates(EmbeddedEnvironment environment, GenesysSimulator simulator) {
        Map<String, ClientTruth> truth = simulator.groundTruth().orgs().get(0).clients().stream()
                .collect(Collectors.toMap(ClientTruth::id, Function.identity()));
        return TopicTableReader.readAll(environment.topics().candidates(), environment.clientConfigs(), Duration.ofSeconds(30)).values()
                .stream().filter(c -> "DELETED".equals(truth.get(c.getClientId()).expected().outcome()))
                .sorted(Comparator.comparing(DeletionCandidate::getClientId)).toList();
    }

    /** What an approval system hands the Node client: the candidate quoted, no id, times or signature (Node adds them). */
    private String approvalRequest(DeletionCandidate candidate) throws Exception {
        ObjectNode request = json.createObjectNode().put("candidateId", candidate.getCandidateId()).put("orgId", candidate.getOrgId())
                .put("clientId", candidate.getClientId()).put("fingerprint", candidate.getFingerprint()).put("decision", "APPROVE")
                .put("approver", DemoStages.APPROVER).put("ticketRef", "CHG-NODE-1");
        return json.writeValueAsString(request);
    }

    /** Signed with the real key, then valid for 30 days more than what was signed: the forgery the HMAC exists to catch. */
    private static Approval expiryExtendedAfterSigning(DeletionCandidate candidate, byte[] key) {
        ApprovalRequests.Terms terms = new ApprovalRequests.Terms(Decision.APPROVE, DemoStages.APPROVER, "CHG-NODE-2", Duration.ofHours(1),
                "kafkajs (oauthgov interop/node)");
        Approval signed = ApprovalRequests.signed(ApprovalRequests.unsigned(candidate, terms, Instant.now(), UUID.randomUUID().toString()), key);
        signed.setExpiresAt(signed.getExpiresAt().plus(Duration.ofDays(30)));
        return signed;
    }

    private static ObjectNode asJson(Approval approval) {
        return (ObjectNode) AvroJson.of(approval);
    }

    /** governance.notices and governance.collector.orgs: no stage of this test writes them (see the class comment). */
    private static void publishWithoutStage(EmbeddedEnvironment environment, DeletionCandidate candidate) throws Exception {
        Instant now = Instant.now();
        Notice notice = Notice.newBuilder().setOrgId(candidate.getOrgId()).setClientId(candidate.getClientId())
                .setCandidateId(candidate.getCandidateId()).setFingerprint(candidate.getFingerprint()).setDigestId("digest-interop")
                .setRecipient("owner@example.test").setChannels(List.of("EMAIL")).setNoticedAt(now)
                .setEligibleAt(candidate.getEligibleAt()).build();
        CollectorOrg org = CollectorOrg.newBuilder().setOrgId(candidate.getOrgId()).setRegion("local").setAnnouncedAt(now).build();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(TransactionalPublisher.safeProducerConfigs(environment.clientConfigs()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(environment.topics().notices().record(new ClientKey(candidate.getOrgId(), candidate.getClientId()), notice)).get();
            producer.send(environment.topics().collectorOrgs().record(new OrgKey(candidate.getOrgId()), org)).get();
        }
    }

    /**
     * Reads the record at each partition and offset Node reported with the project's own serdes (OCSF values as the
     * JSON text they are) and compares key and value with what Node decoded, field by field.
     */
    private void assertSameValuesAsJava(EmbeddedEnvironment environment, Map<String, JsonNode> decoded) throws Exception {
        Map<TopicPartition, Long> at = new HashMap<>();
        decoded.forEach((topic, line) -> at.put(new TopicPartition(topic, line.path("partition").asInt()), line.path("offset").asLong()));
        Map<String, ConsumerRecord<byte[], byte[]>> records = recordsAt(environment, at);
        for (Topic<?, ?> topic : environment.topics().all()) {
            JsonNode node = decoded.get(topic.name());
            ConsumerRecord<byte[], byte[]> record = records.get(topic.name());
            JsonNode javaKey = AvroJson.of(record.key() == null ? null : (SpecificRecord) topic.keySerde().deserializer().deserialize(topic.name(), record.key()));
            JsonNode javaValue = topic.spec().valueFormat() == ValueFormat.OCSF_JSON
                    ? json.readTree(new String(record.value(), StandardCharsets.UTF_8))
                    : AvroJson.of((SpecificRecord) topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
            assertThat(node.path("key").equals(AvroJson.SAME_VALUE, javaKey))
                    .as("key of %s@%d: Node %s, Java %s", topic.name(), record.offset(), node.path("key"), javaKey).isTrue();
            assertThat(node.path("value").equals(AvroJson.SAME_VALUE, javaValue))
                    .as("value of %s@%d: Node %s, Java %s", topic.name(), record.offset(), node.path("value"), javaValue).isTrue();
        }
    }

    private static Map<String, ConsumerRecord<byte[], byte[]>> recordsAt(EmbeddedEnvironment environment, Map<TopicPartition, Long> at) {
        Map<String, Object> configs = new HashMap<>(environment.clientConfigs());
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, ConsumerRecord<byte[], byte[]>> found = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(configs, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(at.keySet());
            at.forEach(consumer::seek);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            Set<TopicPartition> pending = new java.util.HashSet<>(at.keySet());
            while (!pending.isEmpty()) {
                assertThat(System.nanoTime()).as("Java read back the records Node decoded, still missing %s", pending).isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (pending.contains(partition) && record.offset() == at.get(partition)) {
                        found.put(record.topic(), record);
                        pending.remove(partition);
                        consumer.pause(List.of(partition));
                    }
                }
            }
        }
        return found;
    }

    private static List<Approval> approvals(EmbeddedEnvironment environment) {
        return values(environment.topics().approvals(), environment);
    }

    private static <K extends SpecificRecord, V extends SpecificRecord> List<V> values(Topic<K, V> topic, EmbeddedEnvironment environment) {
        return TopicLogReader.readAll(topic, environment.clientConfigs(), Duration.ofSeconds(30)).stream()
                .map(TopicLogReader.Entry::value).filter(v -> v != null).toList();
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
