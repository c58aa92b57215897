package io.oauthgov.collector;

import io.oauthgov.kafka.embedded.EmbeddedKafkaBroker;
import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.TopicCatalog;
import io.oauthgov.schemas.topics.TopicProvisioner;
import io.oauthgov.schemas.topics.Topics;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/** A real embedded broker with every topic of the catalog created, and the topics bound to an in-process registry. */
public final class ProvisionedBroker implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;
    private final Topics topics;

    private ProvisionedBroker(EmbeddedKafkaBroker broker, Topics topics) {
        this.broker = broker;
        this.topics = topics;
    }

    public static ProvisionedBroker start() {
        ProvisionedBroker started = new ProvisionedBroker(EmbeddedKafkaBroker.start(), Topics.bind(SerdeFactory.avro(new InMemorySchemaRegistry())));
        try (Admin admin = Admin.create(started.kafka())) {
            new TopicProvisioner(admin).ensure(TopicCatalog.ALL, (short) 1);
        }
        return started;
    }

    public Topics topics() {
        return topics;
    }

    /** The client settings that reach the broker. */
    public Map<String, Object> kafka() {
        return Map.of("bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void close() {
        broker.close();
    }
}
