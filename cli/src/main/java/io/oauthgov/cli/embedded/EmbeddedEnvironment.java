package io.oauthgov.cli.embedded;

import io.oauthgov.kafka.embedded.EmbeddedKafkaBroker;
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
    private final EmbeddedKafkaBroker broker;
    private final SchemaRegistryServer registry;
    private final Topics topics;

    private EmbeddedEnvironment(EmbeddedKafkaBroker broker, SchemaRegistryServer registry) {
        this.broker = broker;
        this.registry = registry;
        this.topics = Topics.bind(SerdeFactory.avro(new RestSchemaRegistryClient(registry.url())));
    }

    public static EmbeddedEnvironment start() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        try {
            SchemaRegistryServer registry = SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0);
            EmbeddedEnvironment environment = new EmbeddedEnvironment(broker, registry);
            try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                new TopicProvisioner(admin).ensure(TopicCatalog.ALL, (short) 1);
            }
            return environment;
        } catch (IOException e) {
            broker.close();
            throw new UncheckedIOException("Cannot start the in-process schema registry", e);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
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
        configs.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        configs.put("schema.registry.url", registry.url());
        return configs;
    }

    @Override
    public void close() {
        registry.close();
        broker.close();
    }
}
