package io.oauthgov.cli;

import io.oauthgov.cli.config.ConfigEnvironment;
import io.oauthgov.cli.config.Deployment;
import io.oauthgov.cli.config.DeploymentConfig;
import io.oauthgov.cli.config.DeploymentConfigException;
import io.oauthgov.cli.config.DeploymentConfigLoader;
import io.oauthgov.schemas.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options every command that talks to Kafka shares: the deployment file and the flags that override it. Precedence,
 * lowest first: built-in defaults, {@code oauthgov.yaml}, the environment (named keys, see {@link ConfigEnvironment}),
 * these flags. Security settings (SASL/SSL) come from a properties file, so credentials live in a file the operator
 * controls, never on the command line.
 */
public final class DeploymentOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = {"The deployment file, oauthgov.yaml: Kafka, orgs and identities, approvers, key, policy, stage settings",
                    "(env " + ConfigEnvironment.CONFIG_FILE + "; `oauthgov config check --config FILE` validates one)."})
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (overrides kafka.bootstrapServers and env " + ConfigEnvironment.BOOTSTRAP_SERVERS
                    + "; default localhost:9092).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Confluent-compatible Schema Registry (overrides kafka.schemaRegistryUrl and env "
                    + ConfigEnvironment.SCHEMA_REGISTRY_URL + "; default http://localhost:8081).")
    String schemaRegistryUrl;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*); overrides kafka.clientPropertiesFile.")
    Path commandConfig;

    private Deployment deployment;

    /** The deployment a command names with its own {@code --config} option, without the Kafka flags (e.g. {@code audit}). */
    public static Deployment load(Path config) {
        DeploymentOptions options = new DeploymentOptions();
        options.config = config;
        return options.deployment();
    }

    /** The deployment, loaded once per command from the file, the environment and the flags. */
    public Deployment deployment() {
        if (deployment == null) {
            deployment = new Deployment(load(config, System.getenv()), System.getenv());
        }
        return deployment;
    }

    DeploymentConfig load(Path file, Map<String, String> environment) {
        Path chosen = file;
        if (chosen == null && environment.get(ConfigEnvironment.CONFIG_FILE) != null && !environment.get(ConfigEnvironment.CONFIG_FILE).isBlank()) {
            chosen = Path.of(environment.get(ConfigEnvironment.CONFIG_FILE).trim());
        }
        DeploymentConfig loaded;
        try {
            if (chosen == null) {
                loaded = DeploymentConfigLoader.parse("", "(no --config)", Path.of("").toAbsolutePath(), environment);
            } else if (!Files.isRegularFile(chosen) || !Files.isReadable(chosen)) {
                throw new UserError("--config " + chosen + ": no such readable file",
                        "pass the deployment file (oauthgov.yaml); `oauthgov dev` writes one for a local stack");
            } else {
                loaded = DeploymentConfigLoader.load(chosen, environment);
            }
        } catch (DeploymentConfigException e) {
            throw new UserError(e.getMessage(), "fix the file; `oauthgov config check --config FILE` lists every problem with its line");
        }
        DeploymentConfig.Kafka kafka = loaded.kafka();
        if (bootstrapServers != null) {
            kafka = kafka.withBootstrapServers(bootstrapServers.trim());
        }
        if (schemaRegistryUrl != null) {
            kafka = kafka.withSchemaRegistryUrl(schemaRegistryUrl.trim());
        }
        if (commandConfig != null) {
            if (!Files.isReadable(commandConfig)) {
                throw new UserError("--command-config " + commandConfig + ": no such readable file", "pass a readable Java properties file");
            }
            kafka = kafka.withClientPropertiesFile(commandConfig);
        }
        return loaded.withKafka(kafka);
    }

    public DeploymentConfig settings() {
        return deployment().config();
    }

    public Map<String, Object> clientConfigs() {
        return deployment().clientConfigs();
    }

    public String schemaRegistryUrl() {
        return settings().kafka().schemaRegistryUrl();
    }

    public String bootstrapServers() {
        return settings().kafka().bootstrapServers();
    }

    /** The topic catalog bound to serdes configured from the deployment (registry URL, security properties). */
    public Topics topics() {
        return deployment().topics();
    }
}
