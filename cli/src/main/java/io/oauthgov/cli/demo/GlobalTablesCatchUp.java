package io.oauthgov.cli.demo;

import io.oauthgov.schemas.topics.TopicLogReader;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Knows when a running Kafka Streams application's global tables hold every committed record on their topics, as
 * they do when the application starts after those records were written: its start reads the global topics to their
 * ends before any task processes. An application started earlier with its processing paused must not resume before
 * then, or a client could be judged before its org's roles are in its table.
 *
 * <p>The global tables have no consumer group whose offsets could be compared with the ends, so this counts: the
 * committed records on the global topics (a {@code read_committed} read from the beginning, as the global consumer
 * reads them) against the records the global consumer has consumed ({@code records-consumed-total}). A fresh state
 * directory means the global consumer read each record once, from the beginning.
 */
final class GlobalTablesCatchUp {
    private static final Duration CHECK_EVERY = Duration.ofMillis(20);

    private GlobalTablesCatchUp() {}

    /** Waits until the global consumer has consumed every committed record now on the global topics; throws on timeout. */
    static void await(KafkaStreams streams, Topology topology, Map<String, Object> clientConfigs, Duration timeout) throws InterruptedException {
        Set<String> topics = globalTopics(topology);
        long committed = TopicLogReader.countCommitted(topics, clientConfigs, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        double consumed = consumedByGlobalConsumer(streams);
        while (consumed < committed) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the analyzer's global tables did not read " + topics + " to their ends within "
                        + timeout.toSeconds() + " s: " + (long) consumed + " of " + committed + " records");
            }
            Thread.sleep(CHECK_EVERY.toMillis());
            consumed = consumedByGlobalConsumer(streams);
        }
    }

    static Set<String> globalTopics(Topology topology) {
        Set<String> topics = new TreeSet<>();
        for (TopologyDescription.GlobalStore store : topology.describe().globalStores()) {
            topics.addAll(store.source().topicSet());
        }
        return topics;
    }

    /** Records the global consumer has consumed, summed over the consumer-level metric (one per global consumer). */
    private static double consumedByGlobalConsumer(KafkaStreams streams) {
        double consumed = 0;
        boolean found = false;
        for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (name.name().equals("records-consumed-total") && name.group().equals("consumer-fetch-manager-metrics")
                    && !name.tags().containsKey("topic") && name.tags().getOrDefault("client-id", "").endsWith("-global-consumer")) {
                consumed += ((Number) metric.getValue().metricValue()).doubleValue();
                found = true;
            }
        }
        if (!found) {
            // Fail closed: without the metric nothing shows the tables are complete.
            throw new IllegalStateException("the analyzer's global consumer reports no records-consumed-total metric");
        }
        return consumed;
    }
}
