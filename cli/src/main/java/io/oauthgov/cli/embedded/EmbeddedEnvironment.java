package io.oauthgov.cli.embedded;

import io.oauthgov.kafka.embedded.EmbeddedKafkaBroker;
import io.oauthgov.kafka.embedded.EmbeddedKafkaCluster;
import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.registry.RestSchemaRegistryClient;
import io.oauthgov.schemas.registry.SchemaRegistryServer;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.TopicCatalog;
import io.oauthgov.schemas.topics.TopicProvisioner;
import io.oauthgov.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

/**
 * The embedded mode's infrastructure: a real Kafka broker and a Confluent-compatible schema registry, both in this
 * JVM on loopback, with every catalog topic created. Stages get the same things they get in production — a
 * bootstrap address, a registry URL and the bound {@link Topics} — so no stage knows it is embedded.
 */
public final class EmbeddedEnvironment implements AutoCloseable {
    /** What this environment stops on close: its own broker, or nothing when the cluster belongs to the caller. */
    private final AutoCloseable ownedKafka;
    private final String bootstrapServers;
    private final short replicationFactor;
    private final SchemaRegistryServer registry;
    private final Topics topics;

    private EmbeddedEnvironment(AutoCloseable ownedKafka, String bootstrapServers, short replicationFactor, SchemaRegistryServer registry) {
        this.ownedKafka = ownedKafka;
        this.bootstrapServers = bootstrapServers;
        this.replicationFactor = replicationFactor;
        this.registry = registry;
        this.topics = Topics.bind(SerdeFactory.avro(new RestSchemaRegistryClient(registry.url())));
    }

    /** One broker of its own, every topic unreplicated: the demo's and most tests' environment. */
    public static EmbeddedEnvironment start() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        try {
            return provisioned(broker, broker.bootstrapServers(), (short) 1);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /**
     * On a caller's multi-broker cluster (which it stops, and may stop brokers of meanwhile), with the production
     * replication: every topic, and the analyzer's internal ones, with three replicas.
     */
    public static EmbeddedEnvironment onCluster(EmbeddedKafkaCluster cluster) {
        return provisioned(() -> { }, cluster.bootstrapServers(), (short) 3);
    }

    private static EmbeddedEnvironment provisioned(AutoCloseable kafka, String bootstrapServers, short replicationFactor) {
        SchemaRegistryServer registry;
        try {
            registry = SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the in-process schema registry", e);
        }
        EmbeddedEnvironment environment = new EmbeddedEnvironment(kafka, bootstrapServers, replicationFactor, registry);
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            new TopicProvisioner(admin).ensure(TopicCatalog.ALL, replicationFactor);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return environment;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Replicas of every topic, the analyzer's internal ones included. */
    public short replicationFactor() {
        return replicationFactor;
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    public Topics topics() {
        return topics;
    }

    /** Base client configs every stage starts from. */
    public Map<String, Object> clientConfigs() {
        Map<String, Object> configs = new HashMap<>();
        configs.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        configs.put("schema.registry.url", registry.url());
        return configs;
    }

    @Override
    public void close() {
        registry.close();
        try {
            ownedKafka.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the embedded Kafka broker cleanly", e);
        }
    }
}
