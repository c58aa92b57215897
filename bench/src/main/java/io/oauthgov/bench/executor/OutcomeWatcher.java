package io.oauthgov.bench.executor;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.Outcome;
import io.oauthgov.bench.BenchContext;
import io.oauthgov.schemas.topics.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows {@code governance.outcomes} from its current end, as a downstream consumer would (read_committed), and
 * notes when each approval's outcome became visible: the moment an approval system could know the answer.
 */
final class OutcomeWatcher implements AutoCloseable {
    private final Map<String, Long> seenAtNanos = new ConcurrentHashMap<>();
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    OutcomeWatcher(BenchContext context) throws InterruptedException {
        Topic<ClientKey, Outcome> topic = context.topics().outcomes();
        Map<String, Object> configs = new HashMap<>(context.clientConfigs());
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A transaction's commit marker does not wake a waiting fetch: with the default 500 ms wait a read_committed
        // consumer would add up to half a second to every outcome. An approval system wanting answers fast sets this.
        configs.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        KafkaConsumer<ClientKey, Outcome> consumer = new KafkaConsumer<>(configs, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before anything is published
        this.thread = new Thread(() -> {
            try (consumer) {
                while (running) {
                    consumer.poll(Duration.ofMillis(5)).forEach(r -> {
                        if (r.value() != null) {
                            seenAtNanos.putIfAbsent(r.value().getApprovalId(), System.nanoTime());
                            outcomes.putIfAbsent(r.value().getApprovalId(), r.value());
                        }
                    });
                }
            }
        }, "oauthgov-bench-outcome-watcher");
        thread.start();
    }

    Long seenAtNanos(String approvalId) {
        return seenAtNanos.get(approvalId);
    }

    Outcome outcome(String approvalId) {
        return outcomes.get(approvalId);
    }

    int count() {
        return seenAtNanos.size();
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes.values());
    }

    /** Waits until {@code expected} outcomes were seen; false on timeout. */
    boolean awaitCount(int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count() < expected) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
