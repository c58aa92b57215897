package io.oauthgov.kafka.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker + controller), started inside this JVM
 * on random free loopback ports with a temporary log directory that is deleted on close. Not a mock: the same
 * broker code a cluster runs, so transactions, compaction and consumer groups behave as in production.
 *
 * <p>Start one per test class (about 2 s) and name topics per test; the demo starts one for its whole run.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    /** Single-node settings: internal topics cannot have more replicas than there are brokers. */
    private static final Map<String, Object> SINGLE_NODE = Map.of(
            "offsets.topic.replication.factor", "1",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1");

    /** Written into a persistent data directory once formatted: its cluster id, reused at every later start. */
    private static final String CLUSTER_ID_FILE = "oauthgov-cluster.id";

    private final KafkaClusterTestKit cluster;
    private final Duration startupTime;

    private EmbeddedKafkaBroker(KafkaClusterTestKit cluster, Duration startupTime) {
        this.cluster = cluster;
        this.startupTime = startupTime;
    }

    /** Starts a broker with the single-node defaults. */
    public static EmbeddedKafkaBroker start() {
        return start(Map.of());
    }

    /** Starts a broker; {@code overrides} are broker configs layered over the single-node defaults. */
    public static EmbeddedKafkaBroker start(Map<String, ?> overrides) {
        return start(overrides, null);
    }

    /**
     * Starts a broker whose data lives in {@code dataDir} and is kept on close, so the next start with the same
     * directory has the same cluster, topics, records and committed offsets (a local stack that survives a restart).
     * The listener ports are chosen afresh at each start.
     */
    public static EmbeddedKafkaBroker startPersistent(Path dataDir, Map<String, ?> overrides) {
        return start(overrides, Objects.requireNonNull(dataDir, "dataDir"));
    }

    private static EmbeddedKafkaBroker start(Map<String, ?> overrides, Path dataDir) {
        Objects.requireNonNull(overrides, "overrides");
        Instant begin = Instant.now();
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes.Builder nodes = TestKitLauncher.nodes()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1);
            boolean formatted = false;
            String clusterId = null;
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                Path idFile = dataDir.resolve(CLUSTER_ID_FILE);
                formatted = Files.exists(idFile);
                clusterId = formatted ? Files.readString(idFile).trim() : Uuid.randomUuid().toString();
                nodes.setBaseDirectory(dataDir).setClusterId(clusterId);
            }
            cluster = TestKitLauncher.builder(nodes.build(), SINGLE_NODE, overrides).setDeleteOnClose(dataDir == null).build();
            if (!formatted) {
                TestKitLauncher.formatQuietly(cluster);
                if (dataDir != null) {
                    Files.writeString(dataDir.resolve(CLUSTER_ID_FILE), clusterId); // only once formatting succeeded
                }
            }
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafkaBroker(cluster, Duration.between(begin, Instant.now()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            TestKitLauncher.closeQuietly(cluster);
            throw new IllegalStateException("Interrupted while starting the embedded Kafka broker", e);
        } catch (Exception e) {
            TestKitLauncher.closeQuietly(cluster);
            throw new IllegalStateException("Could not start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** How long {@link #start} took, for the demo's phase timings. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Stops the broker and deletes its log directory. */
    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the embedded Kafka broker cleanly", e);
        }
    }
}
