package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.cli.dev.StackFiles;
import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.schemas.topics.TopicCatalog;
import io.oauthgov.simulator.GenesysSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service whose stream threads died must not live on looking alive: {@code oauthgov analyze} exits 1 and says why,
 * so its supervisor restarts it (the state stores resume where it stopped).
 */
class AnalyzeStopsOnFailureIT {
    private static final Duration START = Duration.ofSeconds(90);

    @Test
    void analyzeExitsNonZeroWhenKafkaStreamsStopsOnItsOwn(@TempDir Path dir) throws Exception {
        try (EmbeddedEnvironment environment = EmbeddedEnvironment.start();
             GenesysSimulator simulator = GenesysSimulator.builder().orgs(1).clientsPerOrg(10).seed(77).start();
             Admin admin = Admin.create(environment.clientConfigs())) {
            Path config = StackFiles.write(simulator, dir, environment.bootstrapServers(), environment.schemaRegistryUrl(),
                    simulator.baseUrl(), 20_000, "");
            try (StageProcess analyzer = StageProcess.start("analyze", "--config", config.toString(),
                    "--application-id", "stops-on-failure")) {
                analyzer.awaitOutput("running policy", START);

                // A source topic vanishing is a failure Streams cannot process past: it shuts its client down.
                admin.deleteTopics(List.of(TopicCatalog.APPROVALS.name())).all().get();

                assertThat(analyzer.awaitExit(START)).as(analyzer.output()).isEqualTo(Main.FAILED);
                assertThat(analyzer.output()).contains("analyzer stops-on-failure stopped on its own (state ERROR");
            }
        }
    }
}
