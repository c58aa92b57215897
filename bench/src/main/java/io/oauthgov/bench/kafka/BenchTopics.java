package io.oauthgov.bench.kafka;

import io.oauthgov.schemas.topics.TopicProvisioner;
import io.oauthgov.schemas.topics.TopicSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Creates topics before anything produces to them and waits until every partition's leader serves it: a producer
 * that races a topic's creation waits out its metadata timeout instead of measuring anything (an earlier harness
 * timed out exactly so on its second repetition).
 */
public final class BenchTopics {
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(60);

    private BenchTopics() {}

    /** The catalog's topics, provisioned as the demo provisions them (replication factor 1). */
    public static void createAndAwaitLeaders(String bootstrapServers, Collection<TopicSpec<?, ?>> specs) {
        try (Admin admin = admin(bootstrapServers)) {
            new TopicProvisioner(admin).ensure(specs, (short) 1);
            awaitLeaders(admin, specs.stream().map(TopicSpec::name).toList());
        }
    }

    /** A plain topic for the raw client measurements. */
    public static void createAndAwaitLeaders(String bootstrapServers, String name, int partitions) {
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
            awaitLeaders(admin, List.of(name));
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + name, e);
        }
    }

    private static void awaitLeaders(Admin admin, List<String> names) {
        long deadline = System.nanoTime() + LEADER_TIMEOUT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
                boolean led = described.values().stream().flatMap(d -> d.partitions().stream())
                        .map(TopicPartitionInfo::leader).allMatch(leader -> leader != null && !leader.isEmpty());
                if (led && described.keySet().containsAll(names) && leadersAnswer(admin, described)) {
                    return;
                }
            } catch (ExecutionException e) {
                // Not visible yet (UnknownTopicOrPartition): retry until the deadline.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for partition leaders", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("partitions of " + names + " have no leader after " + LEADER_TIMEOUT.toSeconds() + " s");
            }
            sleep(50);
        }
    }

    /**
     * Metadata can name a leader a moment before that broker serves the partition; a first produce then meets
     * NOT_LEADER_OR_FOLLOWER, and an idempotent producer's retry of it was seen to desynchronise its sequence numbers
     * (OutOfOrderSequenceException until the delivery timeout) on a loaded 2-core machine. A ListOffsets answered by
     * every partition's leader shows the leaders serve.
     */
    private static boolean leadersAnswer(Admin admin, Map<String, TopicDescription> described) throws InterruptedException {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        described.forEach((name, d) -> d.partitions().forEach(p -> partitions.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        try {
            admin.listOffsets(partitions).all().get();
            return true;
        } catch (ExecutionException e) {
            return false;
        }
    }

    static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
