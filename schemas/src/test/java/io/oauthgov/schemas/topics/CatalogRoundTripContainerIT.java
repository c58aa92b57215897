package io.oauthgov.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.registry.SchemaRegistryServer;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same round trip against the official apache/kafka image, for machines with a Docker engine. Skipped (not
 * failed) where none runs; {@link CatalogRoundTripIT} proves the same behaviour on the embedded broker everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class CatalogRoundTripContainerIT {
    @Container
    private static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    @Test
    void everyRecordTypeRoundTripsThroughItsTopicOnAContainerBroker() throws Exception {
        try (var registry = SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0)) {
            CatalogRoundTrip.createTopics(KAFKA.getBootstrapServers());

            var received = CatalogRoundTrip.produceAndConsumeEveryType(KAFKA.getBootstrapServers(), registry.url());

            assertThat(received).containsExactlyInAnyOrderEntriesOf(CatalogRoundTrip.samples());
        }
    }
}
