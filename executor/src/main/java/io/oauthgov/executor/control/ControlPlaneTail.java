package io.oauthgov.executor.control;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.ControlAction;
import io.oauthgov.avro.ControlCommand;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Follows the integration registry and the control topic from their beginning, on its own thread, into the
 * executor's {@link ProtectionRegistry}, {@link KillSwitch} and {@link RestoreRequests}. No consumer group: every
 * instance needs the whole of both compacted topics. The executor waits for {@link #awaitCaughtUp} before its first
 * change, so it never acts on an approval with a registry or kill switch it has not read yet (fail closed).
 */
public final class ControlPlaneTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneTail.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Topics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ProtectionRegistry protection;
    private final KillSwitch killSwitch;
    private final RestoreRequests restores;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    public ControlPlaneTail(Topics topics, Map<String, Object> clientConfigs, ProtectionRegistry protection,
                            KillSwitch killSwitch, RestoreRequests restores) {
        this.topics = topics;
        this.protection = protection;
        this.killSwitch = killSwitch;
        this.restores = restores;
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(configs, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "oauthgov-executor-control-plane");
        thread.setDaemon(true);
    }

    public ControlPlaneTail start() {
        thread.start();
        return this;
    }

    /** True once everything present at start has been read. */
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

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(topics.integrations().name(), topics.control().name())) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> startEnds = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && startEnds.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("Control plane reader stopped: {}", e.toString());
            // fail closed: with no view of the kill switch, no org may be changed
            killSwitch.set(KillSwitch.ALL_ORGS, true);
            caughtUp.countDown();
        } finally {
            consumer.close();
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        try {
            if (record.topic().equals(topics.integrations().name())) {
                ClientKey key = topics.integrations().keySerde().deserializer().deserialize(record.topic(), record.key());
                IntegrationRecord value = record.value() == null ? null
                        : topics.integrations().valueSerde().deserializer().deserialize(record.topic(), record.value());
                protection.put(key.getOrgId(), key.getClientId(), value);
            } else if (record.value() != null) {
                ControlCommand command = topics.control().valueSerde().deserializer().deserialize(record.topic(), record.value());
                switch (command.getCommand()) {
                    case KILL_SWITCH_ON, KILL_SWITCH_OFF -> {
                        killSwitch.set(command.getOrgId(), command.getCommand() == ControlAction.KILL_SWITCH_ON);
                        LOG.warn("Kill switch {} for org {} by {}: {}", command.getCommand() == ControlAction.KILL_SWITCH_ON ? "ENGAGED" : "released",
                                command.getOrgId(), command.getIssuedBy(), command.getReason());
                    }
                    case RESTORE -> restores.add(command);
                }
            }
        } catch (RuntimeException e) {
            // An unreadable registry record leaves the entry as it was (a protected client stays protected). An
            // unreadable control record might have been a kill switch: fail closed until an operator releases '*'.
            boolean control = record.topic().equals(topics.control().name());
            if (control) {
                killSwitch.set(KillSwitch.ALL_ORGS, true);
            }
            LOG.error("Unreadable record {}-{}@{}{}: {}", record.topic(), record.partition(), record.offset(),
                    control ? " - kill switch engaged for all orgs until KILL_SWITCH_OFF for '*'" : " ignored", e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
