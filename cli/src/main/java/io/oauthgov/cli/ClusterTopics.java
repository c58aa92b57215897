package io.oauthgov.cli;

import io.oauthgov.schemas.topics.Topic;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;

/** Which of the pipeline's topics a cluster lacks: a missing topic is a configuration problem, not a timeout to wait out. */
public final class ClusterTopics {
    public static final String HINT = "point --bootstrap-servers at the pipeline's cluster, or create the topics with `oauthgov topics create`";

    private ClusterTopics() {}

    public static List<String> missing(Map<String, Object> clientConfigs, Duration timeout, Topic<?, ?>... needed) {
        Set<String> existing;
        Admin admin = Admin.create(clientConfigs);
        try {
            existing = admin.listTopics(new ListTopicsOptions().timeoutMs((int) timeout.toMillis())).names()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the cluster's topics within " + timeout.toSeconds() + " s: "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } finally {
            // Bounded, as in StagePreflight: a plain close() would wait out the timed-out call's default API timeout.
            admin.close(Duration.ofSeconds(2));
        }
        return Arrays.stream(needed).map(Topic::name).filter(n -> !existing.contains(n)).toList();
    }

    /** Fails with a usage error (exit 2) naming every missing topic. */
    public static void require(Map<String, Object> clientConfigs, Duration timeout, Topic<?, ?>... needed) {
        List<String> missing = missing(clientConfigs, timeout, needed);
        if (!missing.isEmpty()) {
            throw new UserError("the cluster has no topic " + String.join(", ", missing), HINT);
        }
    }
}
