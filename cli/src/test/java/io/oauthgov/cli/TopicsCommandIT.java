package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.kafka.embedded.EmbeddedKafkaBroker;
import io.oauthgov.schemas.topics.TopicCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TopicsCommandIT {
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void createProvisionsTheCatalogAndDescribeThenReportsEveryTopicOk() {
        CliRun create = CliRun.of("topics", "create", "--bootstrap-servers", broker.bootstrapServers(), "--replication-factor", "1");
        CliRun describe = CliRun.of("topics", "describe", "--bootstrap-servers", broker.bootstrapServers());

        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(describe.exitCode()).as(describe.err()).isZero();
        TopicCatalog.ALL.forEach(t -> assertThat(describe.out()).containsPattern(t.name().replace(".", "\\.") + "\\s+OK"));
    }
}
