package io.oauthgov.cli.approvals.http;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.schemas.topics.OrgWide;
import io.oauthgov.schemas.topics.Topic;
import io.oauthgov.schemas.topics.TopicLogReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open candidates as the approvals endpoint answers with them: the compacted candidates topic read from the
 * beginning and then followed, so every request sees the table as of a moment ago without reading the topic again.
 * The gate checks the candidate id and fingerprint once more, so a change in between is refused there, not lost.
 */
final class LiveCandidates implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCandidates.class);

    private final Topic<ClientKey, DeletionCandidate> topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<ClientKey, DeletionCandidate> open = new ConcurrentHashMap<>();
    private final Map<String, DeletionCandidate> byId = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread follower;
    private volatile boolean running = true;

    LiveCandidates(Topic<ClientKey, DeletionCandidate> topic, Map<String, Object> clientConfigs) {
        this.topic = topic;
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(configs, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.follower = new Thread(this::follow, "oauthgov-approvals-candidates");
        this.follower.setDaemon(true);
        this.follower.start();
    }

    boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    Optional<DeletionCandidate> byCandidateId(String candidateId) {
        return Optional.ofNullable(byId.get(candidateId));
    }

    /** The client's live candidate, whatever its id (a stale approval quotes an older one). */
    Optional<DeletionCandidate> ofClient(String orgId, String clientId) {
        return Optional.ofNullable(open.get(new ClientKey(orgId, clientId)));
    }

    List<DeletionCandidate> all() {
        return new ArrayList<>(open.values());
    }

    private void follow() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("stopped following {}: the endpoint answers from what it had read", topic.name(), e);
        } finally {
            TopicLogReader.closeAtOnce(consumer); // a reader without a group: the server's close need not wait for it
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        ClientKey key = topic.keySerde().deserializer().deserialize(record.topic(), record.key());
        if (OrgWide.isOrgWide(key)) {
            return;
        }
        DeletionCandidate before = record.value() == null ? open.remove(key)
                : open.put(key, topic.valueSerde().deserializer().deserialize(record.topic(), record.value()));
        if (before != null) {
            byId.remove(before.getCandidateId());
        }
        DeletionCandidate now = open.get(key);
        if (now != null) {
            byId.put(now.getCandidateId(), now);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            follower.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
