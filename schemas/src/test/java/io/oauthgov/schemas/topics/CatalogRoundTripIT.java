package io.oauthgov.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.kafka.embedded.EmbeddedKafkaBroker;
import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.registry.SchemaRegistryServer;
import io.oauthgov.schemas.serde.SubjectNaming;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalog on a real broker: topics created as declared, and every record type round-trips through the serdes. */
class CatalogRoundTripIT {
    private static EmbeddedKafkaBroker broker;
    private static SchemaRegistryServer registry;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        registry = SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0);
    }

    @AfterAll
    static void stop() {
        registry.close();
        broker.close();
    }

    @Test
    void topicsAreCreatedAsTheCatalogDeclaresAndRecreatingChangesNothing() {
        var first = CatalogRoundTrip.createTopics(broker.bootstrapServers());
        var second = CatalogRoundTrip.createTopics(broker.bootstrapServers());

        assertThat(first).allSatisfy(s -> assertThat(s.status()).as(s.spec().name())
                .isIn(TopicProvisioner.TopicState.Status.CREATED, TopicProvisioner.TopicState.Status.OK));
        assertThat(second).allSatisfy(s -> {
            assertThat(s.status()).as(s.spec().name()).isEqualTo(TopicProvisioner.TopicState.Status.OK);
            assertThat(s.partitions()).isEqualTo(s.spec().partitions());
            assertThat(s.cleanupPolicy()).isEqualTo(s.spec().cleanupPolicy().configValue());
        });
    }

    @Test
    void describeReportsDriftInsteadOfAlteringATopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            var drifted = new TopicSpec<>("drift.check", io.oauthgov.avro.OrgKey.class, io.oauthgov.avro.OrgKey.class, 2,
                    CleanupPolicy.COMPACT, null, "test");
            admin.createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic("drift.check", 1, (short) 1))).all().get();

            var state = new TopicProvisioner(admin).ensure(java.util.List.of(drifted), (short) 1).get(0);

            assertThat(state.status()).isEqualTo(TopicProvisioner.TopicState.Status.DRIFT);
            assertThat(state.drift()).anySatisfy(d -> assertThat(d).startsWith("partitions 1"))
                    .anySatisfy(d -> assertThat(d).startsWith("cleanup.policy delete"));
        }
    }

    @Test
    void everyRecordTypeRoundTripsThroughItsTopic() {
        CatalogRoundTrip.createTopics(broker.bootstrapServers());

        var received = CatalogRoundTrip.produceAndConsumeEveryType(broker.bootstrapServers(), registry.url());

        assertThat(received).containsExactlyInAnyOrderEntriesOf(CatalogRoundTrip.samples());
        assertThat(registry.registry().subjects()).as("schemas registered under <topic>-key / <topic>-value")
                .contains(SubjectNaming.subject(TopicCatalog.CLIENTS.name(), true),
                        SubjectNaming.subject(TopicCatalog.CLIENTS.name(), false));
    }
}
