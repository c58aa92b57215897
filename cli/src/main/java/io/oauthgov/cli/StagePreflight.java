package io.oauthgov.cli;

import io.oauthgov.schemas.topics.Topic;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * What a stage checks before it starts, so a deployment mistake is one line with its cause and what to do, not a
 * Kafka Streams state name in a log: the cluster is reachable, has enough brokers for the replication factor the
 * stage will create topics with, holds the pipeline's topics, lets this principal see them, and the schema
 * registry answers. Each failure is a {@link UserError} (exit 2).
 */
final class StagePreflight {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private StagePreflight() {}

    /** @param replicationFactor of topics the stage creates; 0 when it creates none */
    static void check(Map<String, Object> clientConfigs, String registryUrl, int replicationFactor, Topic<?, ?>... needed) {
        String bootstrap = String.valueOf(clientConfigs.get("bootstrap.servers"));
        try (Admin admin = Admin.create(clientConfigs)) {
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
        }
        if (registryUrl != null) {
            registry(registryUrl);
        }
    }

    private static Collection<Node> brokers(Admin admin, String bootstrap) {
        DescribeClusterResult cluster = admin.describeCluster();
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
            return admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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

    private static void registry(String url) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<String> problems = new ArrayList<>();
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/subjects"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                problems.add("answered " + response.statusCode() + " (credentials refused)");
            } else if (response.statusCode() >= 400) {
                problems.add("answered " + response.statusCode() + " to GET /subjects");
            }
        } catch (IOException | IllegalArgumentException e) {
            problems.add("is unreachable (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reaching the schema registry", e);
        }
        if (!problems.isEmpty()) {
            throw new UserError("the schema registry at " + url + " " + problems.get(0),
                    "check kafka.schemaRegistryUrl (or --schema-registry-url); `oauthgov dev` prints a local stack's registry URL");
        }
    }
}
