package io.oauthgov.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * How {@link EmbeddedKafkaBroker} and {@link EmbeddedKafkaCluster} start the Kafka test kit: the production metadata
 * version, the broker settings every embedded node gets, a quiet storage format, and a clean-up that keeps the
 * start-up failure as the error worth reporting.
 */
final class TestKitLauncher {
    /** Settings of every embedded cluster, whatever its size: fast group joins, explicit topics, observable compaction. */
    static final Map<String, Object> COMMON = Map.of(
            "group.initial.rebalance.delay.ms", "0",
            "auto.create.topics.enable", "false",
            "num.partitions", "1",
            "offsets.topic.num.partitions", "6",
            "transaction.state.log.num.partitions", "6",
            // Small segments and a short clean interval so compaction is observable in a demo run.
            "log.cleaner.backoff.ms", "1000");

    private TestKitLauncher() {}

    /** Nodes running what a production 4.3 cluster runs. */
    static TestKitNodes.Builder nodes() {
        // The kit defaults to the newest *testing* metadata version, which enables unreleased features
        // (transactions v2 sequence rules among them); run what a production 4.3 cluster runs.
        return new TestKitNodes.Builder().setBootstrapMetadataVersion(MetadataVersion.latestProduction());
    }

    /** A kit builder with {@link #COMMON}, then {@code sizing} (replication of internal topics), then {@code overrides}. */
    static KafkaClusterTestKit.Builder builder(TestKitNodes nodes, Map<String, ?> sizing, Map<String, ?> overrides) {
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        COMMON.forEach(builder::setConfigProp);
        sizing.forEach(builder::setConfigProp);
        overrides.forEach(builder::setConfigProp);
        return builder;
    }

    /**
     * The test kit's storage formatter prints its bootstrap metadata to System.out, which would interleave with a
     * demo's progress lines. Hold that output back and show it only if formatting fails. Start-up runs before any
     * stage thread exists, so swapping the stream briefly cannot swallow anyone else's output.
     */
    static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        System.setOut(new PrintStream(held, true, StandardCharsets.UTF_8));
        try {
            cluster.format();
        } catch (Exception e) {
            original.print(held.toString(StandardCharsets.UTF_8));
            throw e;
        } finally {
            System.setOut(original);
        }
    }

    static void closeQuietly(KafkaClusterTestKit cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception ignored) {
            // Start-up already failed; that exception is the one worth reporting.
        }
    }
}
