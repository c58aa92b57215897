package io.oauthgov.executor.control;

import io.oauthgov.schemas.rejection.UnreadableRecord;
import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.ControlAction;
import io.oauthgov.avro.ControlCommand;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.executor.kafka.Refusal;
import io.oauthgov.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows, on its own thread, the integration registry and the control topic from their beginning and the activity
 * topic from {@code activityLookback} ago, into the executor's {@link ProtectionRegistry}, {@link KillSwitch},
 * {@link RestoreRequests} and {@link UseEvidence}. No consumer group: every instance needs all of them. The kill
 * switch stays engaged until all three have been read up to where they ended at start (fail closed).
 *
 * <p>Only explicit records change anything. A bare tombstone on the registry or the control topic is refused
 * (BARE_TOMBSTONE): a protection is lifted by a REMOVAL record and the kill switch by KILL_SWITCH_OFF, never by a
 * null a compaction or a stray writer left. Unreadable records are refused (DESERIALIZATION_FAILED) and leave the
 * state as it was. Refusals wait in {@link #drainRefusals} for the executor's transactional publisher; their ids are
 * the record's position, so the repeats a restart produces (it reads the topics again) are recognisable.
 */
public final class ControlPlaneTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneTail.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);

    private final Topics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ProtectionRegistry protection;
    private final KillSwitch killSwitch;
    private final RestoreRequests restores;
    private final UseEvidence use;
    private final Duration activityLookback;
    private final Clock clock;
    private final Queue<Refusal> refusals = new ConcurrentLinkedQueue<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private volatile String unreadableTopic;

    public ControlPlaneTail(Topics topics, Map<String, Object> clientConfigs, ProtectionRegistry protection, KillSwitch killSwitch,
                            RestoreRequests restores, UseEvidence use, Duration activityLookback, Clock clock) {
        this.topics = topics;
        this.protection = protection;
        this.killSwitch = killSwitch;
        this.restores = restores;
        this.use = use;
        this.activityLookback = activityLookback;
        this.clock = clock;
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a missing control topic must read as missing, not be created empty (which would release the kill switch)
        configs.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(configs, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "oauthgov-executor-control-plane");
        thread.setDaemon(true);
    }

    public ControlPlaneTail start() {
        thread.start();
        return this;
    }

    /** True once everything present at start has been read; throws when the reader died. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        boolean done = caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (failure != null) {
            throw new IllegalStateException("The control plane reader failed: " + failure.getMessage(), failure);
        }
        return done;
    }

    /** Non-null when the reader died: the executor must stop changing anything. */
    public Throwable failure() {
        return failure;
    }

    /** The topic the tail is waiting to be able to read at start, or null. */
    public String unreadableTopic() {
        return unreadableTopic;
    }

    /** What the tail refused since the last call, for {@code governance.rejected}. */
    public List<Refusal> drainRefusals() {
        List<Refusal> drained = new ArrayList<>();
        for (Refusal r; (r = refusals.poll()) != null; ) {
            drained.add(r);
        }
        return drained;
    }

    private void run() {
        try {
            List<TopicPartition> fromBeginning = partitionsOf(topics.integrations().name(), topics.control().name());
            List<TopicPartition> activity = partitionsOf(topics.activity().name());
            if (!running) {
                return;
            }
            List<TopicPartition> all = new ArrayList<>(fromBeginning);
            all.addAll(activity);
            consumer.assign(all);
            consumer.seekToBeginning(fromBeginning);
            seekActivity(activity);
            Map<TopicPartition, Long> startEnds = consumer.endOffsets(all);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && startEnds.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    killSwitch.controlTopicRead();
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("Control plane reader stopped: {} - every change stays stopped", e.toString());
            // fail closed: with no view of the kill switch, no org may be changed
            killSwitch.set(KillSwitch.ALL_ORGS, true);
            caughtUp.countDown();
        } finally {
            consumer.close();
        }
    }

    /**
     * The partitions of each topic, asked until every topic has some: a topic that is missing or unreachable is not
     * an empty one, and reading "nothing" from it would release the kill switch (fail closed instead, and say why).
     */
    private List<TopicPartition> partitionsOf(String... names) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String name : names) {
            List<PartitionInfo> found = List.of();
            while (running && found.isEmpty()) {
                try {
                    found = consumer.partitionsFor(name, METADATA_TIMEOUT);
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    found = List.of();
                }
                if (found == null || found.isEmpty()) {
                    found = List.of();
                    unreadableTopic = name;
                    LOG.error("Cannot read topic {}: every change stays stopped (kill switch engaged for all orgs, fail closed) until it can be read", name);
                }
            }
            unreadableTopic = null;
            found.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        return partitions;
    }

    /** Activity only from the lookback on: it is kept 400 days, and only use after an approval's judgement counts. */
    private void seekActivity(List<TopicPartition> partitions) {
        Instant from = clock.instant().minus(activityLookback);
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query);
        List<TopicPartition> nothingSince = new ArrayList<>();
        offsets.forEach((partition, offset) -> {
            if (offset == null) {
                nothingSince.add(partition);
            } else {
                consumer.seek(partition, offset.offset());
            }
        });
        if (!nothingSince.isEmpty()) {
            // never with an empty list: seekToEnd(empty) moves EVERY assigned partition to its end, the registry and
            // the control topic included, and the executor would start without reading either
            consumer.seekToEnd(nothingSince);
        }
        use.readingFrom(from);
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        if (topic.equals(topics.activity().name())) {
            applyActivity(record);
        } else if (topic.equals(topics.integrations().name())) {
            applyIntegration(record);
        } else {
            applyControl(record);
        }
    }

    private void applyIntegration(ConsumerRecord<byte[], byte[]> record) {
        ClientKey key;
        IntegrationRecord value;
        try {
            key = record.key() == null ? null : topics.integrations().keySerde().deserializer().deserialize(record.topic(), record.key());
            value = record.value() == null ? null : topics.integrations().valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            refuse(record, null, RejectionReason.DESERIALIZATION_FAILED, "unreadable registry record; the entry stays as it was: "
                    + UnreadableRecord.diagnose(topics.integrations(), record, e).problem(), true);
            return;
        }
        if (key == null) {
            refuse(record, null, RejectionReason.MALFORMED, "registry record without a key", true);
        } else if (value == null) {
            refuse(record, key, RejectionReason.BARE_TOMBSTONE, "a null on the registry does not remove a protection (only a REMOVAL "
                    + "record written by 'oauthgov registry import' does); the entry of " + key.getClientId() + " stays as it was", false);
        } else if (!key.getOrgId().equals(value.getOrgId()) || !key.getClientId().equals(value.getClientId())) {
            refuse(record, key, RejectionReason.MALFORMED, "registry record keyed " + key.getOrgId() + "/" + key.getClientId()
                    + " describes " + value.getOrgId() + "/" + value.getClientId(), false);
        } else {
            protection.apply(value);
        }
    }

    private void applyControl(ConsumerRecord<byte[], byte[]> record) {
        OrgKey key;
        ControlCommand command;
        try {
            key = record.key() == null ? null : topics.control().keySerde().deserializer().deserialize(record.topic(), record.key());
            command = record.value() == null ? null : topics.control().valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            refuse(record, null, RejectionReason.DESERIALIZATION_FAILED, "unreadable control record; the kill switch stays as it was: "
                    + UnreadableRecord.diagnose(topics.control(), record, e).problem(), true);
            LOG.error("Unreadable control record {}-{}@{} refused; the kill switch stays as it was", record.topic(), record.partition(), record.offset());
            return;
        }
        if (command == null) {
            refuse(record, null, RejectionReason.BARE_TOMBSTONE, "a null on the control topic (key " + (key == null ? "none" : key.getOrgId())
                    + ") changes nothing: only KILL_SWITCH_ON/OFF records move the kill switch", false);
            LOG.warn("Tombstone on the control topic (key {}) refused; the kill switch stays as it was", key == null ? "none" : key.getOrgId());
            return;
        }
        // compared as text: a key read with the registry's writer schema may hold its string as Avro Utf8
        if (key == null || !String.valueOf(key.getOrgId()).equals(String.valueOf(ControlKeys.of(command).getOrgId()))
                || (command.getCommand() == ControlAction.RESTORE && command.getClientId() == null)) {
            refuse(record, null, RejectionReason.MALFORMED, "control record " + command.getCommand() + " for org " + command.getOrgId()
                    + " is not keyed as oauthgov keys it, or is a restore naming no client; ignored", false);
            LOG.warn("Control record {}-{}@{} refused (MALFORMED): key {} for {} {}", record.topic(), record.partition(), record.offset(),
                    key == null ? "none" : key.getOrgId(), command.getCommand(), command.getOrgId());
            return;
        }
        switch (command.getCommand()) {
            case KILL_SWITCH_ON, KILL_SWITCH_OFF -> {
                killSwitch.set(command.getOrgId(), command.getCommand() == ControlAction.KILL_SWITCH_ON);
                LOG.warn("Kill switch {} for org {} by {}: {}", command.getCommand() == ControlAction.KILL_SWITCH_ON ? "ENGAGED" : "released",
                        command.getOrgId(), command.getIssuedBy(), command.getReason());
            }
            case RESTORE -> restores.add(command);
        }
    }

    private void applyActivity(ConsumerRecord<byte[], byte[]> record) {
        ActivityEvidence evidence;
        try {
            evidence = record.value() == null ? null : topics.activity().valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            refuse(record, null, RejectionReason.DESERIALIZATION_FAILED, "unreadable activity evidence: "
                    + UnreadableRecord.diagnose(topics.activity(), record, e).problem(), true);
            return;
        }
        if (evidence == null) {
            refuse(record, null, RejectionReason.BARE_TOMBSTONE, "a null on the activity topic is not evidence of anything", false);
            return;
        }
        use.add(evidence);
    }

    private void refuse(ConsumerRecord<byte[], byte[]> record, ClientKey client, RejectionReason reason, String detail, boolean keepRaw) {
        refusals.add(Refusal.ofRecord(record, client, null, null, reason, detail, keepRaw, clock.instant(), Refusal.positionId(record)));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
