package io.oauthgov.executor;

import io.oauthgov.kafka.embedded.EmbeddedKafkaBroker;
import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.TopicCatalog;
import io.oauthgov.schemas.topics.TopicProvisioner;
import io.oauthgov.schemas.topics.Topics;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/** One embedded broker per test class with every catalog topic created, and the catalog bound to an in-memory registry. */
final class ProvisionedBroker implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;
    private final Topics topics;

    private ProvisionedBroker(EmbeddedKafkaBroker broker, Topics topics) {
        this.broker = broker;
        this.topics = topics;
    }

    static ProvisionedBroker start() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        ProvisionedBroker provisioned = new ProvisionedBroker(broker, Topics.bind(SerdeFactory.avro(new InMemorySchemaRegistry())));
        try (Admin admin = Admin.create(provisioned.kafka())) {
            new TopicProvisioner(admin).ensure(TopicCatalog.ALL, (short) 1);
        }
        return provisioned;
    }

    Topics topics() {
        return topics;
    }

    Map<String, Object> kafka() {
        return Map.of("bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void close() {
        broker.close();
    }
}
