package io.oauthgov.collector.fleet;

import io.oauthgov.avro.CollectorOrg;
import io.oauthgov.avro.OrgKey;
import io.oauthgov.collector.OrgTarget;
import io.oauthgov.schemas.publish.TransactionalPublisher;
import io.oauthgov.schemas.topics.Topic;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This collector instance's share of the fleet. Every instance announces the orgs it has credentials for on the
 * compacted {@code governance.collector.orgs} topic, and the instances of one consumer group split its partitions:
 * an instance collects the orgs whose entries sit on the partitions assigned to it. Kafka's group protocol makes
 * that exactly one live instance per org; an instance that dies stops heartbeating and its partitions move to the
 * others once the group's session timeout has passed.
 *
 * <p>The consumer lives on a thread of its own that does nothing but poll, so heartbeats never wait for a
 * collection; offsets are never committed — each assignment reads its partitions from the beginning (a few records
 * per org), and an org counts as owned only once its partition was read up to where it ended at assignment.
 *
 * <p>Ownership is not the only guard: a zombie that still believes it owns an org (its process paused past the
 * session timeout) is fenced by the org's transactional id — the new owner's producer for the org bumps the epoch,
 * and the zombie's next commit for that org fails (see {@code Collector}).
 */
public final class FleetMembership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetMembership.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /**
     * How long the group waits for a silent instance before its orgs move: long enough for a GC pause or a broker
     * fail-over, short against a collection interval of minutes.
     */
    public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

    private final Topic<OrgKey, CollectorOrg> topic;
    private final KafkaConsumer<OrgKey, CollectorOrg> consumer;
    private final Thread poller;
    private final CountDownLatch firstShare = new CountDownLatch(1);
    private volatile boolean running = true;
    /** Org → when this instance (last) acquired it, as a rising number: a new number means it changed hands since. */
    private volatile Map<String, Long> owned = Map.of();
    private long acquisitions;
    /** Poll thread only: the orgs read so far from each assigned partition, and where each partition ended at assignment. */
    private final Map<TopicPartition, Set<String>> orgsByPartition = new HashMap<>();
    private final Map<TopicPartition, Long> endAtAssignment = new HashMap<>();

    private FleetMembership(Topic<OrgKey, CollectorOrg> topic, Map<String, Object> consumerConfigs) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(consumerConfigs, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        this.poller = new Thread(this::pollUntilClosed, "oauthgov-collector-fleet");
        this.poller.setDaemon(true);
    }

    /**
     * Announces {@code orgs} and joins {@code groupId}.
     *
     * @param sessionTimeout how long the group waits for a silent instance before its orgs move to the others
     */
    public static FleetMembership join(Topic<OrgKey, CollectorOrg> topic, Map<String, Object> clientConfigs, String groupId,
                                       List<OrgTarget> orgs, Duration sessionTimeout, Clock clock) {
        announce(topic, clientConfigs, orgs, clock);
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        configs.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic"); // the session timeout is the client's to set
        configs.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        configs.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(100, sessionTimeout.toMillis() / 4));
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName());
        FleetMembership membership = new FleetMembership(topic, configs);
        membership.poller.start();
        return membership;
    }

    /** Writes one entry per org this instance can collect (re-announcing an org only refreshes its entry). */
    private static void announce(Topic<OrgKey, CollectorOrg> topic, Map<String, Object> clientConfigs, List<OrgTarget> orgs, Clock clock) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(TransactionalPublisher.safeProducerConfigs(clientConfigs),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (OrgTarget org : orgs) {
                producer.send(topic.record(new OrgKey(org.orgId()), new CollectorOrg(org.orgId(), org.region(), clock.instant())));
            }
            producer.flush();
        }
    }

    /** Waits until the group gave this instance its first share and it was read; false on timeout. */
    public boolean awaitFirstShare(Duration timeout) throws InterruptedException {
        return firstShare.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The orgs this instance is to collect now (the group may change it at any time), each with the number of its
     * acquisition: an org whose number changed between two looks was away (or new) in between, so what this
     * instance remembers of it is stale.
     */
    public Map<String, Long> ownedOrgs() {
        return owned;
    }

    private void pollUntilClosed() {
        try {
            consumer.subscribe(List.of(topic.name()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    consumer.seekToBeginning(partitions);
                    endAtAssignment.putAll(consumer.endOffsets(partitions));
                    partitions.forEach(p -> orgsByPartition.put(p, new HashSet<>()));
                    publishShare();
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    drop(partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    drop(partitions);
                }
            });
            while (running) {
                for (ConsumerRecord<OrgKey, CollectorOrg> record : consumer.poll(POLL)) {
                    Set<String> orgs = orgsByPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), p -> new HashSet<>());
                    if (record.value() == null) {
                        orgs.remove(record.key().getOrgId());
                    } else {
                        orgs.add(record.key().getOrgId());
                    }
                }
                publishShare();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("the collector's fleet membership stopped; this instance collects nothing until restarted", e);
            owned = Map.of();
        } finally {
            consumer.close();
        }
    }

    private void drop(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> {
            orgsByPartition.remove(p);
            endAtAssignment.remove(p);
        });
        publishShare();
    }

    /** Owned: the orgs of every assigned partition that was read up to where it ended when it was assigned. */
    private void publishShare() {
        Set<String> share = new HashSet<>();
        boolean allRead = true;
        for (TopicPartition partition : consumer.assignment()) {
            Long end = endAtAssignment.get(partition);
            if (end == null || consumer.position(partition) < end) {
                allRead = false;
                continue;
            }
            share.addAll(orgsByPartition.getOrDefault(partition, Set.of()));
        }
        Map<String, Long> before = owned;
        Map<String, Long> now = new HashMap<>();
        share.forEach(org -> now.put(org, before.containsKey(org) ? before.get(org) : ++acquisitions));
        owned = Map.copyOf(now);
        if (!owned.keySet().equals(before.keySet())) {
            LOG.info("this collector instance now collects {} org(s): {}", owned.size(), new java.util.TreeSet<>(owned.keySet()));
        }
        if (allRead && !consumer.assignment().isEmpty()) {
            firstShare.countDown();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
