package io.oauthgov.analyzer.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oauthgov.analyzer.Fixtures;
import io.oauthgov.schemas.topics.OrgWide;
import io.oauthgov.analyzer.AnalyzerApp;
import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.analyzer.metrics.AnalyzerMetrics;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.ApiIdentityKey;
import io.oauthgov.avro.Approval;
import io.oauthgov.avro.AuthorizationSnapshot;
import io.oauthgov.avro.ApprovedDeletion;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.Notice;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.avro.Rejection;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.avro.SnapshotManifest;
import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.Topic;
import io.oauthgov.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The analyzer topology in a {@link TopologyTestDriver} with the catalog's Avro serdes on an in-memory registry:
 * typed input and output topics, and wall-clock control (the evaluator's "now").
 */
final class AnalyzerDriver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final Topics topics = Topics.bind(SerdeFactory.avro(registry));
    final TopologyTestDriver driver;
    final Topology topology;
    /** The evaluator's "now": the driver's mocked wall clock. */
    Instant now;

    final TestInputTopic<ClientKey, OAuthClientSnapshot> clients;
    final TestInputTopic<OrgKey, SnapshotManifest> manifests;
    final TestInputTopic<ClientKey, ActivityEvidence> activity;
    final TestInputTopic<ClientKey, IntegrationRecord> integrations;
    final TestInputTopic<ClientKey, Approval> approvals;
    final TestInputTopic<ClientKey, Notice> notices;
    final TestInputTopic<OrgKey, AuthorizationSnapshot> authorization;
    final TestInputTopic<byte[], byte[]> rawClients;

    final TestOutputTopic<ClientKey, RiskEvent> risk;
    final TestOutputTopic<ClientKey, DeletionCandidate> candidates;
    final TestOutputTopic<ApiIdentityKey, ApprovedDeletion> approved;
    final TestOutputTopic<ClientKey, Rejection> rejected;
    /** The SIEM feed, as a SIEM reads it: UTF-8 JSON. {@link #close} validates whatever the test left on it. */
    final TestOutputTopic<ClientKey, String> ocsf;

    AnalyzerDriver(Policy policy, AnalyzerSettings settings, Instant start, Path stateDir) {
        this(policy, settings, start, stateDir, AnalyzerMetrics.none());
    }

    AnalyzerDriver(Policy policy, AnalyzerSettings settings, Instant start, Path stateDir, AnalyzerMetrics metrics) {
        topology = GovernanceTopology.topology(policy, settings, topics, metrics);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "analyzer-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, RejectingDeserializationHandler.class.getName());
        props.put(AnalyzerApp.SCHEMA_REGISTRY_INSTANCE, registry);
        driver = new TopologyTestDriver(topology, props, start);
        now = start;

        clients = input(topics.clients());
        manifests = input(topics.snapshots());
        activity = input(topics.activity());
        integrations = input(topics.integrations());
        approvals = input(topics.approvals());
        notices = input(topics.notices());
        authorization = input(topics.authorization());
        rawClients = driver.createInputTopic(topics.clients().name(), new ByteArraySerializer(), new ByteArraySerializer());

        risk = output(topics.risk());
        candidates = output(topics.candidates());
        approved = output(topics.deletionsApproved());
        rejected = output(topics.rejected());
        ocsf = driver.createOutputTopic(topics.riskOcsf().name(), topics.riskOcsf().keySerde().deserializer(), new StringDeserializer());
    }

    private <K extends SpecificRecord, V extends SpecificRecord> TestInputTopic<K, V> input(Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <K extends SpecificRecord, V extends SpecificRecord> TestOutputTopic<K, V> output(Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    /** Whether {@link #advance} publishes fresh coverage first, as a collector running on schedule would. */
    private boolean collecting;
    private int collections;

    /**
     * Makes the org judgeable the way production does: imports its registry (the marker) and publishes coverage of
     * both evidence sources from 400 days back to now; from then on every {@link #advance} publishes fresh coverage
     * of a new collection first.
     */
    AnalyzerDriver collected() {
        integrations.pipeInput(OrgWide.key(Fixtures.ORG), Fixtures.importMarker(now));
        collecting = true;
        cover();
        return this;
    }

    /** Publishes coverage of a new collection from 400 days back to now (orgClients 1,000: limits stay out of the way). */
    void cover() {
        collections++;
        activity.pipeInput(OrgWide.key(Fixtures.ORG), Fixtures.coverage("collection-" + collections,
                now.minus(Duration.ofDays(400)), now, 1_000, now));
    }

    /** Stops publishing coverage on {@link #advance}: the collector has stopped. */
    void stopCollecting() {
        collecting = false;
    }

    /** Moves the wall clock (the evaluator's "now") and fires the re-evaluation punctuator. */
    void advance(Duration duration) {
        now = now.plus(duration);
        if (collecting) {
            cover();
        }
        driver.advanceWallClockTime(duration);
    }

    List<KeyValue<ClientKey, RiskEvent>> riskEvents() {
        return risk.readKeyValuesToList();
    }

    /** The OCSF events emitted so far, each checked against OCSF's Detection Finding schema. */
    List<KeyValue<ClientKey, JsonNode>> ocsfEvents() {
        List<KeyValue<ClientKey, JsonNode>> events = new java.util.ArrayList<>();
        for (KeyValue<ClientKey, String> record : ocsf.readKeyValuesToList()) {
            List<String> problems = OcsfSchema.problems(record.value);
            if (!problems.isEmpty()) {
                throw new AssertionError("governance.risk.ocsf carried an event that is no valid OCSF 1.8.0 Detection Finding: "
                        + problems + "\n" + record.value);
            }
            try {
                events.add(KeyValue.pair(record.key, JSON.readTree(record.value)));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        return events;
    }

    List<KeyValue<ClientKey, DeletionCandidate>> candidateRecords() {
        return candidates.readKeyValuesToList();
    }

    List<KeyValue<ApiIdentityKey, ApprovedDeletion>> approvedDeletions() {
        return approved.readKeyValuesToList();
    }

    List<KeyValue<ClientKey, Rejection>> rejections() {
        return rejected.readKeyValuesToList();
    }

    <V> KeyValueStore<ClientKey, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    /** Validates every OCSF event no test read, so each topology test checks the SIEM feed it produced. */
    @Override
    public void close() {
        try {
            ocsfEvents();
        } finally {
            driver.close();
        }
    }
}
