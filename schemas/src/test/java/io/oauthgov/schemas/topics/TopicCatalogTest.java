package io.oauthgov.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.schemas.registry.InMemorySchemaRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

    @Test
    void topicNamesAreUnique() {
        assertThat(TopicCatalog.ALL.stream().map(TopicSpec::name)).doesNotHaveDuplicates();
    }

    @Test
    void stateTopicsAreCompactedAndHistoryTopicsExpire() {
        assertThat(TopicCatalog.ALL.stream().filter(t -> t.cleanupPolicy() == CleanupPolicy.COMPACT).map(TopicSpec::name))
                .containsExactlyInAnyOrder("genesys.oauth.clients", "genesys.authorization", "governance.integrations", "governance.candidates", "governance.notices",
                        "governance.quarantine", "governance.collector.checkpoints", "governance.collector.orgs");
        assertThat(TopicCatalog.ALL.stream().filter(t -> t.cleanupPolicy() == CleanupPolicy.DELETE && t != TopicCatalog.CONTROL))
                .allSatisfy(t -> assertThat(t.retention()).as(t.name()).isNotNull());
        assertThat(TopicCatalog.ACTIVITY.retention().toDays()).as("evidence must outlive the 180-day stale window for replay")
                .isGreaterThan(180);
    }

    @Test
    void killSwitchRecordsCanNeitherBeCompactedAwayNorExpire() {
        assertThat(TopicCatalog.CONTROL.cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE);
        assertThat(TopicCatalog.CONTROL.retention()).as("kept forever").isNull();
        assertThat(TopicCatalog.CONTROL.configs()).containsEntry("retention.ms", "-1").containsEntry("cleanup.policy", "delete");
    }

    @Test
    void approvedDeletionsAreKeyedByApiIdentityAndEverythingPerClientByClientKey() {
        assertThat(TopicCatalog.DELETIONS_APPROVED.keyType().getSimpleName()).isEqualTo("ApiIdentityKey");
        assertThat(List.of(TopicCatalog.CLIENTS, TopicCatalog.ACTIVITY, TopicCatalog.CANDIDATES, TopicCatalog.APPROVALS,
                TopicCatalog.OUTCOMES, TopicCatalog.RISK, TopicCatalog.INTEGRATIONS))
                .allSatisfy(t -> assertThat(t.keyType().getSimpleName()).as(t.name()).isEqualTo("ClientKey"));
    }

    @Test
    void boundTopicsFollowTheCatalogOrder() {
        Topics topics = Topics.bind(SerdeFactory.avro(new InMemorySchemaRegistry()));

        assertThat(topics.all().stream().map(Topic::spec).toList()).isEqualTo(TopicCatalog.ALL);
    }

    @Test
    void readmeTopicTableMatchesTheCatalog() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        Matcher row = Pattern.compile("(?m)^\\| `([a-z.]+)` \\| `(\\w+)` → `(\\w+)` \\| (\\d+) \\| (\\w+) \\| (\\w+) \\|").matcher(readme);
        List<String> documented = new java.util.ArrayList<>();
        while (row.find()) {
            documented.add(String.join(" ", row.group(1), row.group(2), row.group(3), row.group(4), row.group(5), row.group(6)));
        }

        assertThat(documented).as("README.md topic table; regenerate it with ./oauthgov topics list --markdown")
                .containsExactlyElementsOf(TopicCatalog.ALL.stream().map(t -> String.join(" ", t.name(),
                        t.keyType().getSimpleName(), t.valueType().getSimpleName(), Integer.toString(t.partitions()),
                        t.cleanupPolicy().configValue(), t.retentionText())).toList());
    }
}
