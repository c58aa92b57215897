package io.oauthgov.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.oauthgov.simulator.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorMainTest {

    @Test
    void startsPrintsTheBaseUrlAndWritesCredentialsAndTruth(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (GenesysSimulator simulator = SimulatorMain.start(new PrintStream(printed, true, StandardCharsets.UTF_8),
                "--port", "0", "--orgs", "2", "--clients", "30", "--seed", "4", "--out", dir.toString())) {
            String output = printed.toString(StandardCharsets.UTF_8);
            JsonNode identities = Json.mapper().readTree(dir.resolve(SimulatorArtifacts.IDENTITIES).toFile());

            assertThat(output).contains(simulator.baseUrl()).contains(SimulatorArtifacts.TRUTH);
            assertThat(identities.get("identities")).hasSize(4);
            assertThat(identities.get("baseUrl").asText()).isEqualTo(simulator.baseUrl());
            assertThat(Files.readString(dir.resolve(SimulatorArtifacts.TRUTH))).contains("STALE_UNUSED")
                    .doesNotContain(simulator.allIdentities().get(0).secret());
            assertThat(output).as("secrets are never printed").doesNotContain(simulator.allIdentities().get(0).secret());
        }
    }

    @Test
    void rejectsUnknownOptions() {
        assertThatThrownBy(() -> SimulatorMain.start(System.out, "--bogus", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--bogus");
    }
}
