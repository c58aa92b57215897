package io.oauthgov.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import io.oauthgov.schemas.topics.SerdeFactory;
import io.oauthgov.schemas.topics.Topics;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * Options every command that talks to Kafka shares. Security settings (SASL/SSL) pass through untouched from a
 * properties file, so credentials live in a file the operator controls, never on the command line.
 */
public final class KafkaOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:OAUTHGOV_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (env OAUTHGOV_BOOTSTRAP_SERVERS; default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            defaultValue = "${env:OAUTHGOV_SCHEMA_REGISTRY_URL:-http://localhost:8081}",
            description = "Confluent-compatible Schema Registry (env OAUTHGOV_SCHEMA_REGISTRY_URL; default: ${DEFAULT-VALUE}).")
    String schemaRegistryUrl;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*) applied to every client.")
    Path commandConfig;

    /** Client configs: bootstrap servers plus whatever the command-config file holds. */
    public Map<String, Object> clientConfigs() {
        Map<String, Object> configs = new HashMap<>();
        if (commandConfig != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(commandConfig)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UserError("cannot read --command-config " + commandConfig + ": " + e.getMessage(),
                        "pass a readable Java properties file");
            }
            properties.forEach((k, v) -> configs.put(k.toString(), v));
        }
        configs.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return configs;
    }

    public String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    /** The topic catalog bound to serdes configured from these options (registry URL, security properties). */
    public Topics topics() {
        Map<String, Object> serdeConfigs = clientConfigs();
        serdeConfigs.put("schema.registry.url", schemaRegistryUrl);
        return Topics.bind(SerdeFactory.fromConfig(serdeConfigs));
    }
}
