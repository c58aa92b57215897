package io.oauthgov.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.kafka.embedded.EmbeddedKafkaCluster;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The catalog on three brokers, as production runs it: three replicas, and a write counts once two brokers have it. */
class ReplicatedCatalogIT {

    @Test
    void catalogTopicsGetThreeReplicasAndMinInSyncTwoAndAWeakerTopicIsReportedAsDrift() throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            List<TopicProvisioner.TopicState> created = new TopicProvisioner(admin).ensure(TopicCatalog.ALL, (short) 3);
            assertThat(created).allSatisfy(s -> {
                assertThat(s.status()).as(s.spec().name()).isEqualTo(TopicProvisioner.TopicState.Status.CREATED);
                assertThat(s.replicas()).as(s.spec().name()).isEqualTo(3);
                assertThat(s.minInSyncReplicas()).as(s.spec().name()).isEqualTo(2);
            });

            // created by hand with three replicas but one required copy: one broker's loss could lose acknowledged writes
            var weak = new TopicSpec<>("weak.check", io.oauthgov.avro.OrgKey.class, io.oauthgov.avro.OrgKey.class, 1,
                    CleanupPolicy.DELETE, null, "test");
            admin.createTopics(List.of(new NewTopic("weak.check", 1, (short) 3)
                    .configs(Map.of("min.insync.replicas", "1", "retention.ms", "-1")))).all().get();
            // ensure waits until every broker lists the topic, and leaves an existing one as it is
            TopicProvisioner.TopicState state = new TopicProvisioner(admin).ensure(List.of(weak), (short) 3).get(0);

            assertThat(state.status()).isEqualTo(TopicProvisioner.TopicState.Status.DRIFT);
            assertThat(state.drift()).containsExactly("min.insync.replicas 1 (with 3 replicas: 2)");
        }
    }
}
