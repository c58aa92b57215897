package io.oauthgov.analyzer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.oauthgov.analyzer.metrics.AnalyzerHealth;
import io.oauthgov.analyzer.metrics.AnalyzerMetrics;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.analyzer.topology.GovernanceTopology;
import io.oauthgov.analyzer.topology.RejectingDeserializationHandler;
import io.oauthgov.schemas.registry.SchemaRegistry;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.TopicCatalog;
import io.oauthgov.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the analyzer: owns the Kafka Streams configuration (exactly-once v2, the rejecting deserialization handler,
 * state directory, replication factor) and the lifecycle (start, wait until RUNNING, close). The topology itself is
 * {@link GovernanceTopology}; this class does no governance. The CLI and the demo build a {@link Config}, a
 * {@link Policy} and {@link AnalyzerSettings} and call {@link #start}.
 *
 * <p>State is never wiped on start (no {@code cleanUp()}): a restart resumes from its stores and changelogs, which is
 * what keeps verdicts, candidates and snoozes stable across restarts and rebalances.
 */
public final class AnalyzerApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyzerApp.class);

    public static final String DEFAULT_APPLICATION_ID = "oauthgov-analyzer";
    /** The catalog serdes' settings (named as Confluent names them); also read by the deserialization handler. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** An in-process {@link SchemaRegistry} instance instead of a URL (embedded mode, tests). */
    public static final String SCHEMA_REGISTRY_INSTANCE = "oauthgov.schema.registry.instance";

    private final KafkaStreams streams;
    private final Topology topology;
    private final CountDownLatch running = new CountDownLatch(1);
    /** Counted down when Streams stopped for good (ERROR, or NOT_RUNNING after a shutdown), by us or by a failure. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final KafkaStreamsMetrics streamsMetrics;
    /** What stopped the stream threads, so a failed start names its cause instead of a state. */
    private volatile Throwable failure;

    private AnalyzerApp(Config config, Policy policy, AnalyzerSettings settings, MeterRegistry registry) {
        Topics topics = Topics.bind(SerdeFactory.fromConfig(config.serdeConfigs()));
        this.topology = GovernanceTopology.topology(policy, settings, topics, new AnalyzerMetrics(registry));
        this.streams = new KafkaStreams(topology, streamsProperties(config));
        // Kafka Streams' own figures (its consumers' lag, process rates, state stores), next to the domain ones
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        streams.setStateListener((next, previous) -> {
            LOG.info("analyzer {} -> {}", previous, next);
            if (next == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
            if (next == KafkaStreams.State.ERROR || next == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            // Fail loudly: an unexpected error must stop the analyzer, not loop over the same record.
            LOG.error("analyzer stream thread failed; shutting the analyzer down", e);
            failure = e;
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        LOG.info("analyzer configured: policy {} v{}, {}", policy.id(), policy.version(), settings);
    }

    /** Builds and starts an analyzer; call {@link #awaitRunning} to wait for its first assignment. */
    public static AnalyzerApp start(Config config, Policy policy, AnalyzerSettings settings) {
        return start(config, policy, settings, new CompositeMeterRegistry()); // an empty composite records nowhere
    }

    /** As {@link #start(Config, Policy, AnalyzerSettings)}, recording the domain and Kafka Streams metrics into {@code registry}. */
    public static AnalyzerApp start(Config config, Policy policy, AnalyzerSettings settings, MeterRegistry registry) {
        AnalyzerApp app = new AnalyzerApp(config, policy, settings, registry);
        app.streams.start();
        return app;
    }

    /**
     * The Kafka Streams properties: the caller's overrides (e.g. SASL/SSL client settings) and serde settings,
     * then the settings the analyzer's correctness depends on, which overrides cannot weaken.
     */
    public static Properties streamsProperties(Config config) {
        Properties props = new Properties();
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // Take records as they arrive, never idling for an empty partition (the default 0 waits to fetch one whose lag
        // is known, and checks and formats that lag on every loop: about a tenth of the stream thread in the
        // profile). No setting orders inputs the gate could rely on: a collector's open transaction is invisible
        // whatever the task waits for, and usage reaches the API a day late. Approvals stay safe in any order
        // because the gate judges the state it holds (a change seen first refuses; an approval seen first passes
        // with the judged snapshot, which the executor re-checks live), as CrossTopicOrderingTopologyTest shows.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // A first collection gives most clients a risk event (Avro and OCSF JSON), a candidate and changelog writes:
        // with the producer's 16 KB batches, a batch filled every few records, and each full batch woke the sender
        // with a system call from the stream thread and cost the broker a batch of its own. 256 KB batches took the
        // stream thread's CPU per first judgement from about 175 to 120 µs in the bench (BENCHMARKS.md, issue #20).
        // The batches are flushed at every commit (100 ms) whatever their size, so latency is unchanged; the buffer
        // is raised so each partition the analyzer writes (about 70 with the catalog's 6 partitions a topic) can hold a
        // full batch at once with room to spare.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BUFFER_MEMORY_CONFIG), 64L * 1024 * 1024);
        props.putAll(config.overrides());
        props.putAll(config.serdeConfigs());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.replicationFactor());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, RejectingDeserializationHandler.class.getName());
        return props;
    }

    /**
     * What an analyzer with this application id reads: its four inputs and the org governor's internal topic
     * (approvals pass the limits only once the governor has read them). It has caught up when its committed offsets
     * reach their ends.
     */
    public static List<String> inputTopics(String applicationId) {
        return List.of(TopicCatalog.CLIENTS.name(), TopicCatalog.ACTIVITY.name(), TopicCatalog.INTEGRATIONS.name(),
                TopicCatalog.NOTICES.name(), TopicCatalog.APPROVALS.name(), applicationId + "-" + GovernanceTopology.ORG_SIGNALS + "-repartition");
    }

    /** What the analyzer writes: a reader of these waits until no transaction is open on them. */
    public static List<String> outputTopics() {
        return List.of(TopicCatalog.RISK.name(), TopicCatalog.RISK_OCSF.name(), TopicCatalog.CANDIDATES.name(),
                TopicCatalog.DELETIONS_APPROVED.name(), TopicCatalog.REJECTED.name());
    }

    /** Waits until the analyzer is RUNNING; false on timeout. @throws IllegalStateException when it failed */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (running.await(100, TimeUnit.MILLISECONDS) && streams.state() == KafkaStreams.State.RUNNING) {
                return true;
            }
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                    || state == KafkaStreams.State.PENDING_SHUTDOWN || state == KafkaStreams.State.PENDING_ERROR) {
                throw new IllegalStateException("the analyzer stopped while starting (" + state + ")" + cause(), failure);
            }
        }
        return false;
    }

    /** The root cause's message of a failure, e.g. a replication factor larger than the cluster. */
    private String cause() {
        Throwable root = failure;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == null ? "" : ": " + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /**
     * Waits until the analyzer has stopped for good, e.g. after a stream thread failed and shut the client down.
     * A service must then exit (non-zero) so its supervisor restarts it: a process that lives on with dead stream
     * threads judges nothing while looking alive.
     *
     * @return the failure that stopped it (null when it stopped without one), or empty when still running at timeout
     */
    public java.util.Optional<String> awaitStopped(Duration timeout) throws InterruptedException {
        if (!stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("state " + streams.state() + cause());
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Ready while Kafka Streams is RUNNING, for {@code /health/ready}. */
    public AnalyzerHealth health() {
        return new AnalyzerHealth(streams::state);
    }

    /** The running Streams instance, for metadata (assigned tasks) and interactive queries. */
    public KafkaStreams streams() {
        return streams;
    }

    public Topology topology() {
        return topology;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
    }

    /**
     * Where and as what the analyzer runs.
     *
     * @param serdeConfigs {@value #SCHEMA_REGISTRY_URL} or {@value #SCHEMA_REGISTRY_INSTANCE}, optionally
     *                     {@code oauthgov.serde.class}; passed to the catalog serdes and the deserialization handler
     * @param overrides any other Kafka Streams / client settings (security, commit interval, threads)
     */
    public record Config(String bootstrapServers, String applicationId, Path stateDir, int replicationFactor,
                         Map<String, Object> serdeConfigs, Map<String, Object> overrides) {
        public Config {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(applicationId, "applicationId");
            Objects.requireNonNull(stateDir, "stateDir");
            if (replicationFactor < 1) {
                throw new IllegalArgumentException("replication factor must be at least 1");
            }
            if (!serdeConfigs.containsKey(SCHEMA_REGISTRY_URL) && !serdeConfigs.containsKey(SCHEMA_REGISTRY_INSTANCE)) {
                throw new IllegalArgumentException("the analyzer needs " + SCHEMA_REGISTRY_URL + " or " + SCHEMA_REGISTRY_INSTANCE);
            }
            serdeConfigs = Map.copyOf(serdeConfigs);
            overrides = Map.copyOf(overrides);
        }

        public static Builder builder(String bootstrapServers) {
            return new Builder(bootstrapServers);
        }

        public static final class Builder {
            private final String bootstrapServers;
            private String applicationId = DEFAULT_APPLICATION_ID;
            private Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "oauthgov-analyzer");
            private int replicationFactor = 3;
            private final Map<String, Object> serdeConfigs = new HashMap<>();
            private final Map<String, Object> overrides = new HashMap<>();

            private Builder(String bootstrapServers) {
                this.bootstrapServers = bootstrapServers;
            }

            public Builder applicationId(String applicationId) {
                this.applicationId = applicationId;
                return this;
            }

            public Builder stateDir(Path stateDir) {
                this.stateDir = stateDir;
                return this;
            }

            public Builder replicationFactor(int replicationFactor) {
                this.replicationFactor = replicationFactor;
                return this;
            }

            public Builder schemaRegistryUrl(String url) {
                serdeConfigs.put(SCHEMA_REGISTRY_URL, url);
                return this;
            }

            public Builder schemaRegistry(SchemaRegistry registry) {
                serdeConfigs.put(SCHEMA_REGISTRY_INSTANCE, registry);
                return this;
            }

            public Builder serdeConfig(String key, Object value) {
                serdeConfigs.put(key, value);
                return this;
            }

            public Builder override(String key, Object value) {
                overrides.put(key, value);
                return this;
            }

            public Builder overrides(Map<String, ?> values) {
                overrides.putAll(values);
                return this;
            }

            public Config build() {
                return new Config(bootstrapServers, applicationId, stateDir, replicationFactor, serdeConfigs, overrides);
            }
        }
    }
}
