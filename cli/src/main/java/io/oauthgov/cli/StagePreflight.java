package io.oauthgov.cli;

import io.oauthgov.cli.config.ConfigEnvironment;
import io.oauthgov.schemas.registry.RegistryClientSettings;
import io.oauthgov.schemas.registry.RestSchemaRegistryClient;
import io.oauthgov.schemas.registry.SchemaRegistryException;
import io.oauthgov.schemas.topics.Topic;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * What a stage checks before it starts, so a deployment mistake is one line with its cause and what to do, not a
 * Kafka Streams state name in a log: the cluster is reachable, has enough brokers for the replication factor the
 * stage will create topics with, holds the pipeline's topics, lets this principal see them, and the schema
 * registry answers. Each failure is a {@link UserError} (exit 2).
 */
final class StagePreflight {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private StagePreflight() {}

    /**
     * @param registryConfigs the serde settings naming the schema registry (URL, basic auth, TLS); null to skip it
     * @param replicationFactor of topics the stage creates; 0 when it creates none
     */
    static void check(Map<String, Object> clientConfigs, Map<String, Object> registryConfigs, int replicationFactor,
                      Topic<?, ?>... needed) {
        String bootstrap = String.valueOf(clientConfigs.get("bootstrap.servers"));
        Admin admin = Admin.create(clientConfigs);
        try {
            Collection<Node> nodes = brokers(admin, bootstrap);
            if (replicationFactor > nodes.size()) {
                throw new UserError("replication factor " + replicationFactor + " needs at least " + replicationFactor
                        + " brokers, but the cluster at " + bootstrap + " has " + nodes.size(),
                        "set kafka.replicationFactor: " + nodes.size() + " in oauthgov.yaml (or --replication-factor "
                                + nodes.size() + "); production clusters keep 3");
            }
            Set<String> existing = listTopics(admin, bootstrap);
            List<String> missing = Arrays.stream(needed).map(Topic::name).filter(n -> !existing.contains(n)).toList();
            if (!missing.isEmpty()) {
                throw new UserError("the cluster at " + bootstrap + " has no topic " + String.join(", ", missing)
                        + (existing.isEmpty() ? "" : " (or this principal may not describe them)"),
                        "create them with `oauthgov topics create --config ...`; if they exist, grant DESCRIBE and READ/WRITE: see `oauthgov topics acls`");
            }
        } finally {
            // Bounded: a plain close() waits for a timed-out call's default.api.timeout.ms (a minute) to run out too.
            admin.close(CLOSE_TIMEOUT);
        }
        if (registryConfigs != null) {
            registry(registryConfigs);
        }
    }

    private static Collection<Node> brokers(Admin admin, String bootstrap) {
        DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
        try {
            return cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reaching Kafka", e);
        } catch (ExecutionException e) {
            throw unreachable(bootstrap, e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(bootstrap, null);
        }
    }

    private static Set<String> listTopics(Admin admin, String bootstrap) {
        try {
            return admin.listTopics(new ListTopicsOptions().timeoutMs((int) TIMEOUT.toMillis())).names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        } catch (ExecutionException e) {
            throw unreachable(bootstrap, e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(bootstrap, null);
        }
    }

    private static UserError unreachable(String bootstrap, Throwable cause) {
        if (cause instanceof AuthorizationException) {
            return new UserError("Kafka at " + bootstrap + " refused this principal: " + cause.getMessage(),
                    "grant the stage's principal its ACLs: `oauthgov topics acls` prints them");
        }
        return new UserError("cannot reach Kafka at " + bootstrap + " within " + TIMEOUT.toSeconds() + " s"
                + (cause == null ? "" : ": " + cause.getMessage()),
                "check kafka.bootstrapServers (or --bootstrap-servers) and kafka.clientPropertiesFile for SASL/SSL; `oauthgov dev` prints a local stack's address");
    }

    /** The registry answers {@code GET /subjects} with the stage's own client settings (credentials and TLS included). */
    private static void registry(Map<String, Object> registryConfigs) {
        RegistryClientSettings settings;
        try {
            settings = RegistryClientSettings.fromConfigs(registryConfigs);
        } catch (ConfigException e) {
            throw new UserError("the schema registry settings are unusable: " + e.getMessage(),
                    "check kafka.schemaRegistryUrl and the schema.registry.* / basic.auth.* keys of kafka.clientPropertiesFile");
        }
        try {
            new RestSchemaRegistryClient(settings.withTimeout(Duration.ofSeconds(10))).subjects();
        } catch (SchemaRegistryException e) {
            String problem = e.errorCode() == 401 || e.errorCode() == 403 ? "refused the credentials (HTTP " + e.errorCode() + ")"
                    : e.errorCode() == SchemaRegistryException.UNAVAILABLE ? "is unreachable (" + e.getMessage() + ")"
                    : "answered GET /subjects with error " + e.errorCode();
            throw new UserError("the schema registry at " + settings.displayUrl() + " " + problem,
                    "check kafka.schemaRegistryUrl (or --schema-registry-url), " + ConfigEnvironment.SCHEMA_REGISTRY_USER_INFO
                            + " or basic.auth.user.info, and schema.registry.ssl.truststore.* in kafka.clientPropertiesFile;"
                            + " `oauthgov dev` prints a local stack's registry URL");
        }
    }
}
