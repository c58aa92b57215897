package io.oauthgov.kafka.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Node;

/**
 * A real Kafka cluster of several brokers in this JVM (KRaft, one controller of its own so stopping brokers never
 * touches the quorum), on loopback ports with temporary log directories deleted on close. It runs the production
 * replication settings: internal topics with three replicas and {@code min.insync.replicas=2}, and 2 as every
 * topic's default, so a write needs two copies and the cluster keeps taking writes with one broker down.
 *
 * <p>For failure tests: {@link #stopBroker} shuts one broker down (controlled, as a rolling restart does) and
 * {@link #startBroker} brings it back on the same port with its log intact.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {
    /** Replicas of the internal topics, and the in-sync copies a write needs: what a three-broker production cluster runs. */
    static final int REPLICAS = 3;
    static final int MIN_IN_SYNC = 2;
    private static final Duration BROKER_START = Duration.ofSeconds(60);

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;

    private EmbeddedKafkaCluster(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        // Computed while every broker is up: the kit derives it from the running brokers' bound ports.
        this.bootstrapServers = cluster.bootstrapServers();
    }

    /** Starts {@code brokers} brokers (at least 3) and one controller with the production replication settings. */
    public static EmbeddedKafkaCluster start(int brokers) {
        return start(brokers, Map.of());
    }

    /** ... with {@code overrides} layered over the defaults. */
    public static EmbeddedKafkaCluster start(int brokers, Map<String, ?> overrides) {
        if (brokers < REPLICAS) {
            throw new IllegalArgumentException("a cluster needs at least " + REPLICAS + " brokers for " + REPLICAS
                    + " replicas; use EmbeddedKafkaBroker for one");
        }
        Objects.requireNonNull(overrides, "overrides");
        Map<String, Object> replication = Map.of(
                "offsets.topic.replication.factor", Integer.toString(REPLICAS),
                "transaction.state.log.replication.factor", Integer.toString(REPLICAS),
                "transaction.state.log.min.isr", Integer.toString(MIN_IN_SYNC),
                "default.replication.factor", Integer.toString(REPLICAS),
                "min.insync.replicas", Integer.toString(MIN_IN_SYNC));
        KafkaClusterTestKit cluster = null;
        try {
            cluster = TestKitLauncher.builder(TestKitLauncher.nodes().setCombined(false).setNumBrokerNodes(brokers)
                    .setNumControllerNodes(1).build(), replication, overrides).build();
            TestKitLauncher.formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafkaCluster(cluster);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            TestKitLauncher.closeQuietly(cluster);
            throw new IllegalStateException("Interrupted while starting the embedded Kafka cluster", e);
        } catch (Exception e) {
            TestKitLauncher.closeQuietly(cluster);
            throw new IllegalStateException("Could not start the embedded Kafka cluster: " + e.getMessage(), e);
        }
    }

    /** Every broker's {@code host:port}, for {@code bootstrap.servers}; clients find the live ones among them. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The brokers' node ids, ascending. */
    public List<Integer> brokerIds() {
        return List.copyOf(cluster.brokers().keySet());
    }

    /** Shuts one broker down the way an operator's restart does (controlled: its leaderships move first). */
    public void stopBroker(int id) {
        BrokerServer broker = broker(id);
        broker.shutdown();
        broker.awaitShutdown();
    }

    /** Starts a stopped broker again on its old port and log; returns once it is unfenced and serving. */
    public void startBroker(int id) {
        BrokerServer broker = broker(id);
        broker.startup();
        long deadline = System.nanoTime() + BROKER_START.toNanos();
        try (Admin admin = cluster.admin()) {
            // the cluster's metadata lists a broker once the controller has unfenced it: then it leads and follows again
            while (!admin.describeCluster().nodes().get().stream().map(Node::id).toList().contains(id)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("broker " + id + " not serving " + BROKER_START.toSeconds() + " s after its start");
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting broker " + id, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Cannot read the cluster's brokers: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Whether the broker is up (not stopped by {@link #stopBroker}). */
    public boolean running(int id) {
        return !broker(id).isShutdown();
    }

    private BrokerServer broker(int id) {
        BrokerServer broker = cluster.brokers().get(id);
        if (broker == null) {
            throw new IllegalArgumentException("no broker " + id + " (brokers: " + brokerIds() + ")");
        }
        return broker;
    }

    /** Stops every node and deletes the log directories. */
    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the embedded Kafka cluster cleanly", e);
        }
    }
}
