package io.oauthgov.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The compose file must not rot: its oauthgov commands parse against the real CLI, and Compose accepts it. */
class DockerComposeFileTest {
    private static final Path COMPOSE = Path.of("../docker-compose.yml");

    @Test
    void everyOauthgovServiceRunsACommandTheCliAccepts() throws Exception {
        JsonNode services = new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile()).path("services");
        List<String> checked = new ArrayList<>();

        services.fields().forEachRemaining(service -> {
            JsonNode command = service.getValue().path("command");
            boolean ours = service.getValue().has("<<") || service.getValue().has("build");
            if (!ours || !command.isArray()) {
                return;
            }
            List<String> args = new ArrayList<>();
            command.forEach(a -> args.add(a.asText()));
            new CommandLine(new Main()).parseArgs(args.toArray(String[]::new)); // throws on an unknown option or command
            checked.add(service.getKey());
        });

        assertThat(checked).contains("topics", "simulator", "collector", "analyzer");
    }

    @Test
    void composeValidatesTheFile() throws Exception {
        Path binary = Path.of("/usr/bin/docker-compose");
        assumeThat(Files.isExecutable(binary)).as("docker-compose installed (.ci/run installs it)").isTrue();

        Process process = new ProcessBuilder(binary.toString(), "-f", COMPOSE.toString(), "config", "-q")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
