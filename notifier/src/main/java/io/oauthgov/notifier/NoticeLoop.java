package io.oauthgov.notifier;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.Notice;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.avro.Stage;
import io.oauthgov.schemas.publish.TransactionalPublisher;
import io.oauthgov.schemas.rejection.RejectionFactory;
import io.oauthgov.schemas.topics.Topic;
import io.oauthgov.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier's one thread: reads the candidates, the integration registry and its own notices (all compacted)
 * from the beginning, then follows them; once caught up, sends each due digest and commits its notices (and the
 * rejections of what failed) in one transaction before the next digest goes out. No consumer group and no offsets:
 * the notices topic is the record of what was sent, so a restart reads it back and sends nothing twice. One
 * notifier runs per cluster; a second with the same transactional id fences the first.
 */
final class NoticeLoop {
    private static final Logger LOG = LoggerFactory.getLogger(NoticeLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Topics topics;
    private final Map<String, Object> clientConfigs;
    private final String transactionalId;
    private final NoticeBook book;
    private final Delivery delivery;
    private final DigestText text;
    private final Clock clock;
    private final boolean once;
    private volatile boolean running = true;
    private volatile boolean caughtUp;

    private final AtomicLong digestsSent = new AtomicLong();
    private final AtomicLong noticesPublished = new AtomicLong();
    private final AtomicLong viaFallback = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong undeliverable = new AtomicLong();
    private volatile long pending;
    private final List<NotifierStats.Sent> sent = new ArrayList<>();

    NoticeLoop(Topics topics, Map<String, Object> clientConfigs, String transactionalId, NotifierSettings settings, Delivery delivery,
               DigestText text, Clock clock, boolean once) {
        this.topics = topics;
        this.clientConfigs = Map.copyOf(clientConfigs);
        this.transactionalId = transactionalId;
        this.book = new NoticeBook(settings);
        this.delivery = delivery;
        this.text = text;
        this.clock = clock;
        this.once = once;
    }

    void run() throws InterruptedException {
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(configs, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             TransactionalPublisher publisher = TransactionalPublisher.open("notifier", clientConfigs, transactionalId, Map.of())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic<?, ?> topic : List.of(topics.candidates(), topics.integrations(), topics.notices())) {
                for (PartitionInfo info : consumer.partitionsFor(topic.name())) {
                    partitions.add(new TopicPartition(info.topic(), info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
                if (!caughtUp) {
                    caughtUp = ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                    if (!caughtUp) {
                        continue;
                    }
                    LOG.info("notifier caught up: {} candidate(s) not told to anyone yet", book.pendingCount());
                }
                Instant now = clock.instant();
                reportUndeliverable(publisher, now);
                for (Digest digest : book.due(now, once)) {
                    if (!running) {
                        break;
                    }
                    send(publisher, digest);
                }
                pending = book.pendingCount();
                if (once && !book.anyDeliverablePending(clock.instant())) {
                    return;
                }
            }
        }
    }

    void stop() {
        running = false;
    }

    boolean caughtUp() {
        return caughtUp;
    }

    synchronized NotifierStats stats() {
        return new NotifierStats(digestsSent.get(), noticesPublished.get(), viaFallback.get(), failures.get(), undeliverable.get(),
                pending, caughtUp, List.copyOf(sent));
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().equals(topics.candidates().name())) {
            book.candidate(key(topics.candidates(), record), value(topics.candidates(), record), clock.instant());
        } else if (record.topic().equals(topics.integrations().name())) {
            book.integration(key(topics.integrations(), record), value(topics.integrations(), record));
        } else {
            book.notice(key(topics.notices(), record), value(topics.notices(), record));
        }
    }

    private void send(TransactionalPublisher publisher, Digest digest) throws InterruptedException {
        Delivery.Result result = delivery.deliver(digest);
        Digest told = digest;
        List<String> failed = new ArrayList<>(result.failures());
        if (!result.delivered()) {
            Optional<Recipient> escalation = book.escalationOf(digest);
            if (escalation.isPresent()) {
                Digest standIn = digest.to(escalation.get());
                result = delivery.deliver(standIn);
                failed.addAll(result.failures());
                told = standIn;
            }
        }
        Instant now = clock.instant();
        Delivery.Result outcome = result;
        Digest reached = told;
        List<Notice> notices = new ArrayList<>();
        if (outcome.delivered()) {
            for (DeletionCandidate c : reached.candidates()) {
                notices.add(Notice.newBuilder().setOrgId(c.getOrgId()).setClientId(c.getClientId())
                        .setCandidateId(c.getCandidateId()).setFingerprint(c.getFingerprint()).setDigestId(reached.digestId())
                        .setRecipient(reached.recipient().shown()).setOwner(reached.recipient().owner())
                        .setViaFallback(reached.recipient().viaFallback()).setChannels(outcome.channels())
                        .setNoticedAt(now).setEligibleAt(c.getEligibleAt()).build());
            }
        }
        publisher.inTransaction(() -> {
            notices.forEach(n -> publisher.send(topics.notices(), new ClientKey(n.getOrgId(), n.getClientId()), n));
            for (String failure : failed) {
                for (DeletionCandidate c : digest.candidates()) {
                    String detail = "digest " + digest.digestId() + " about candidate " + c.getCandidateId() + ": " + failure
                            + (outcome.delivered() ? "; told " + reached.recipient().shown() + " instead"
                            : "; nobody was told, tried again in a while");
                    publisher.send(topics.rejected(), new ClientKey(c.getOrgId(), c.getClientId()), RejectionFactory.refused(Stage.NOTIFIER,
                            RejectionReason.UNDELIVERABLE, detail, now, RejectionFactory.Source.NONE, null, c.getCandidateId()));
                }
            }
        });
        failures.addAndGet(failed.size());
        if (outcome.delivered()) {
            notices.forEach(n -> book.notice(new ClientKey(n.getOrgId(), n.getClientId()), n));
            noticesPublished.addAndGet(notices.size());
            digestsSent.incrementAndGet();
            if (reached.recipient().viaFallback()) {
                viaFallback.incrementAndGet();
            }
            synchronized (this) {
                sent.add(new NotifierStats.Sent(reached.digestId(), reached.recipient().shown(), reached.recipient().owner(),
                        reached.recipient().viaFallback(), outcome.channels(),
                        reached.candidates().stream().map(DeletionCandidate::getCandidateId).toList(),
                        reached.candidates().stream().map(c -> c.getOrgId() + "/" + c.getClientId()).toList(), now, text.subject(reached)));
            }
            LOG.info("digest {} about {} candidate(s) sent to {} by {}", reached.digestId(), reached.candidates().size(),
                    reached.recipient().shown(), outcome.channels());
        } else {
            book.failed(digest.candidates(), now);
            LOG.warn("digest {} reached nobody: {}", digest.digestId(), failed);
        }
    }

    private void reportUndeliverable(TransactionalPublisher publisher, Instant now) {
        List<NoticeBook.Undeliverable> found = book.newlyUndeliverable();
        if (found.isEmpty()) {
            return;
        }
        publisher.inTransaction(() -> found.forEach(u -> publisher.send(topics.rejected(), u.key(), RejectionFactory.refused(
                Stage.NOTIFIER, RejectionReason.UNDELIVERABLE, u.reason(), now, RejectionFactory.Source.NONE, null,
                u.candidate().getCandidateId()))));
        undeliverable.addAndGet(found.size());
        LOG.warn("{} candidate(s) have nobody to tell (see governance.rejected)", found.size());
    }

    private static <K extends SpecificRecord, V extends SpecificRecord> K key(Topic<K, V> topic, ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : topic.keySerde().deserializer().deserialize(record.topic(), record.key());
    }

    private static <K extends SpecificRecord, V extends SpecificRecord> V value(Topic<K, V> topic, ConsumerRecord<byte[], byte[]> record) {
        return record.value() == null ? null : topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
    }
}
