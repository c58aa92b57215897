package io.oauthgov.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema registry's basic credentials come from the environment or the client properties file, never the deployment file. */
class DeploymentRegistryCredentialsTest {
    private static final String FILE = """
            kafka:
              bootstrapServers: kafka-1:9092
              schemaRegistryUrl: https://registry.example:8081
            """;

    @Test
    void environmentCredentialsReachTheSerdesButNotTheKafkaClients() {
        Map<String, String> env = Map.of(ConfigEnvironment.SCHEMA_REGISTRY_USER_INFO, "analyzer:pw-from-env");
        Deployment deployment = new Deployment(DeploymentConfigLoader.parse(FILE, "oauthgov.yaml", Path.of("."), env), env);

        assertThat(deployment.serdeConfigs())
                .containsEntry("schema.registry.url", "https://registry.example:8081")
                .containsEntry("basic.auth.credentials.source", "USER_INFO")
                .containsEntry("basic.auth.user.info", "analyzer:pw-from-env");
        assertThat(deployment.clientConfigs()).doesNotContainKey("basic.auth.user.info");
    }

    @Test
    void credentialsWrittenInlineInTheDeploymentFileAreRefused() {
        String inline = FILE + "  clientProperties:\n    basic.auth.user.info: analyzer:pw\n";

        assertThatThrownBy(() -> DeploymentConfigLoader.parse(inline, "oauthgov.yaml", Path.of("."), Map.of()))
                .hasMessageContaining("kafka.clientProperties.basic.auth.user.info").hasMessageContaining("is a secret");
    }
}
