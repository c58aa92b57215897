package io.oauthgov.collector.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.collector.OrgTarget;
import io.oauthgov.kafka.embedded.EmbeddedKafkaBroker;
import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.TopicCatalog;
import io.oauthgov.schemas.topics.TopicProvisioner;
import io.oauthgov.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Two members of one collector group on a real broker: the announced orgs split between them, and move on leave. */
class FleetMembershipIT {

    @Test
    void twoInstancesSplitTheOrgsWithoutOverlapAndTheSurvivorGetsAllWhenOneLeaves() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            Map<String, Object> kafka = Map.of("bootstrap.servers", broker.bootstrapServers());
            try (Admin admin = Admin.create(kafka)) {
                new TopicProvisioner(admin).ensure(List.of(TopicCatalog.COLLECTOR_ORGS), (short) 1);
            }
            Topics topics = Topics.bind(SerdeFactory.avro(new InMemorySchemaRegistry()));
            List<OrgTarget> orgs = IntStream.range(0, 24).mapToObj(i -> new OrgTarget("org-" + i, "local", null)).toList();
            Set<String> ids = new HashSet<>(orgs.stream().map(OrgTarget::orgId).toList());

            try (FleetMembership survivor = FleetMembership.join(topics.collectorOrgs(), kafka, "fleet-membership-it", orgs,
                    Duration.ofSeconds(6), Clock.systemUTC())) {
                FleetMembership leaving = FleetMembership.join(topics.collectorOrgs(), kafka, "fleet-membership-it", orgs.subList(0, 3),
                        Duration.ofSeconds(6), Clock.systemUTC());
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                    Set<String> a = survivor.ownedOrgs().keySet();
                    Set<String> b = leaving.ownedOrgs().keySet();
                    return !a.isEmpty() && !b.isEmpty() && a.stream().noneMatch(b::contains) && union(a, b).equals(ids);
                });
                Set<String> moving = leaving.ownedOrgs().keySet();
                Map<String, Long> before = survivor.ownedOrgs();

                leaving.close();

                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> survivor.ownedOrgs().keySet().equals(ids));
                Map<String, Long> after = survivor.ownedOrgs();
                assertThat(moving).allSatisfy(org -> assertThat(after.get(org)).as("a moved org gets a new acquisition number")
                        .isGreaterThan(before.values().stream().mapToLong(Long::longValue).max().orElse(0)));
                // An org that stayed usually keeps its number, but the group may also take every partition back and
                // give it out again (a lost generation); a new number then only costs one more state read: not pinned.
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
