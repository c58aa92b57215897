package io.oauthgov.schemas.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the catalog's topics on a cluster and compares what exists with what the catalog says, so that
 * {@code oauthgov topics create|describe}, the embedded demo and the tests provision topics the same way.
 * Existing topics are never altered: a mismatch is reported for an operator to decide.
 *
 * <p>Durability comes with the replication factor: a topic with replicas gets {@code min.insync.replicas} of
 * {@link #minInSyncReplicas(int)}, so an {@code acks=all} write (every producer of the pipeline) is on two brokers
 * before it counts, and one broker can be down without stopping writes.
 */
public final class TopicProvisioner {
    private static final java.time.Duration VISIBILITY_TIMEOUT = java.time.Duration.ofSeconds(30);
    static final String MIN_IN_SYNC_REPLICAS = "min.insync.replicas";

    private final Admin admin;

    public TopicProvisioner(Admin admin) {
        this.admin = admin;
    }

    /** Creates every missing topic with its catalog partitions, cleanup policy and retention. */
    public List<TopicState> ensure(Collection<TopicSpec<?, ?>> specs, short replicationFactor) {
        Set<String> existing = existingTopics();
        List<NewTopic> missing = specs.stream()
                .filter(s -> !existing.contains(s.name()))
                .map(s -> new NewTopic(s.name(), s.partitions(), replicationFactor).configs(configs(s, replicationFactor)))
                .toList();
        Set<String> created = new java.util.HashSet<>();
        if (!missing.isEmpty()) {
            admin.createTopics(missing).values().forEach((name, future) -> {
                try {
                    future.get();
                    created.add(name);
                } catch (ExecutionException e) {
                    // Another provisioner (or a listing that lagged behind) got there first: report it as existing.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted creating topic " + name, e);
                }
            });
        }
        List<String> names = specs.stream().map(TopicSpec::name).toList();
        awaitVisible(names);
        // Every topic exists now; a second listing could come from a broker that has not heard of the newest yet (seen
        // on three brokers: a hand-made topic reported MISSING), so describe them all and let describe retry instead.
        return describe(specs, Set.copyOf(names)).stream()
                .map(state -> created.contains(state.spec().name()) ? state.asCreated() : state)
                .toList();
    }

    /**
     * The in-sync copies a write needs with {@code replicationFactor} replicas: 2 from three replicas on (the
     * production setting: three brokers, one may be down), never more than replicas - 1 (else losing a single broker
     * stops every write), and 1 for an unreplicated topic (a development broker).
     */
    public static int minInSyncReplicas(int replicationFactor) {
        return Math.max(1, Math.min(2, replicationFactor - 1));
    }

    private static Map<String, String> configs(TopicSpec<?, ?> spec, short replicationFactor) {
        Map<String, String> configs = new java.util.LinkedHashMap<>(spec.configs());
        configs.put(MIN_IN_SYNC_REPLICAS, Integer.toString(minInSyncReplicas(replicationFactor)));
        return configs;
    }

    /** What the cluster has for each catalog topic, and how it differs from the catalog. */
    public List<TopicState> describe(Collection<TopicSpec<?, ?>> specs) {
        return describe(specs, existingTopics());
    }

    private List<TopicState> describe(Collection<TopicSpec<?, ?>> specs, Set<String> existing) {
        List<String> present = specs.stream().map(TopicSpec::name).filter(existing::contains).toList();
        Map<String, TopicDescription> descriptions = awaitKnownEverywhere(() -> admin.describeTopics(present).allTopicNames());
        Map<ConfigResource, Config> configs = awaitKnownEverywhere(() -> admin.describeConfigs(present.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all());
        List<TopicState> states = new ArrayList<>();
        for (TopicSpec<?, ?> spec : specs) {
            TopicDescription description = descriptions.get(spec.name());
            if (description == null) {
                states.add(new TopicState(spec, TopicState.Status.MISSING, 0, 0, 0, null, null, List.of()));
                continue;
            }
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            String cleanup = config.get("cleanup.policy").value();
            String retention = config.get("retention.ms").value();
            int partitions = description.partitions().size();
            int replicas = description.partitions().get(0).replicas().size();
            int minInSync = Integer.parseInt(config.get(MIN_IN_SYNC_REPLICAS).value());
            List<String> drift = new ArrayList<>();
            if (partitions != spec.partitions()) {
                drift.add("partitions " + partitions + " (catalog: " + spec.partitions() + ")");
            }
            if (!cleanup.equals(spec.cleanupPolicy().configValue())) {
                drift.add("cleanup.policy " + cleanup + " (catalog: " + spec.cleanupPolicy().configValue() + ")");
            }
            if (!retention.equals(spec.configs().get("retention.ms"))) {
                drift.add("retention.ms " + retention + " (catalog: " + spec.configs().get("retention.ms") + ")");
            }
            if (minInSync != minInSyncReplicas(replicas)) {
                drift.add(MIN_IN_SYNC_REPLICAS + " " + minInSync + " (with " + replicas + " replicas: " + minInSyncReplicas(replicas) + ")");
            }
            states.add(new TopicState(spec, drift.isEmpty() ? TopicState.Status.OK : TopicState.Status.DRIFT,
                    partitions, replicas, minInSync, cleanup, retention, drift));
        }
        return states;
    }

    /** Topic creation returns before every broker's metadata shows the topic; wait so describe sees it. */
    private void awaitVisible(List<String> names) {
        long deadline = System.nanoTime() + VISIBILITY_TIMEOUT.toNanos();
        while (!existingTopics().containsAll(names)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topics not visible " + VISIBILITY_TIMEOUT.toSeconds() + " s after creation: "
                        + names.stream().filter(n -> !existingTopics().contains(n)).toList());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for topics", e);
            }
        }
    }

    /**
     * On a cluster of several brokers each answers from its own copy of the metadata: a topic one broker lists may
     * still be unknown to the next for a moment after its creation. Ask again until every answer knows it.
     */
    private static <T> T awaitKnownEverywhere(java.util.function.Supplier<org.apache.kafka.common.KafkaFuture<T>> call) {
        long deadline = System.nanoTime() + VISIBILITY_TIMEOUT.toNanos();
        while (true) {
            try {
                return call.get().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka admin call failed: " + e.getCause().getMessage(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted during a Kafka admin call", e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for topics", e);
            }
        }
    }

    private Set<String> existingTopics() {
        return await(admin.listTopics().names());
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka admin call failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during a Kafka admin call", e);
        }
    }

    /** One catalog topic as found on the cluster. */
    public record TopicState(TopicSpec<?, ?> spec, Status status, int partitions, int replicas, int minInSyncReplicas,
                             String cleanupPolicy, String retentionMs, List<String> drift) {
        public enum Status { CREATED, OK, DRIFT, MISSING }

        TopicState asCreated() {
            return new TopicState(spec, Status.CREATED, partitions, replicas, minInSyncReplicas, cleanupPolicy, retentionMs, drift);
        }
    }
}
