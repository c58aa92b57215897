package io.oauthgov.cli.replay;

import io.oauthgov.avro.ActivityEvidence;
import io.oauthgov.avro.AuthorizationSnapshot;
import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.cli.ClusterTopics;
import io.oauthgov.schemas.topics.Topic;
import io.oauthgov.schemas.topics.TopicLogReader;
import io.oauthgov.schemas.topics.TopicTableReader;
import io.oauthgov.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * What the pipeline recorded, read back without leaving a trace: the latest snapshot of every client (compacted
 * topic), every piece of evidence of use still retained, the integration registry and each org's latest verified
 * roles and divisions (so privilege rules replay too).
 *
 * <p>Side-effect free by construction: the readers assign partitions and seek (no group id, so no consumer group
 * and no offset commits), nothing is produced, and topic auto-creation is switched off so a misspelled cluster
 * cannot gain empty topics; missing topics are reported instead. Records whose key does not match their value are
 * skipped and counted, as the analyzer refuses them too.
 */
public record RecordedHistory(
        Map<ClientKey, OAuthClientSnapshot> clients,
        Map<ClientKey, List<ActivityEvidence>> evidence,
        Map<ClientKey, IntegrationRecord> integrations,
        Map<String, AuthorizationSnapshot> authorization,
        int evidenceRecords,
        int skippedRecords) {

    /** Thrown when a topic the replay needs does not exist: a configuration problem, not a failed read. */
    public static final class MissingTopicsException extends RuntimeException {
        public MissingTopicsException(List<String> missing) {
            super("the cluster has no topic " + String.join(", ", missing));
        }
    }

    public static RecordedHistory read(Topics topics, Map<String, Object> clientConfigs, Duration timeout) {
        requireTopics(clientConfigs, timeout, topics.clients(), topics.activity(), topics.integrations(), topics.authorization());
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);

        int[] skipped = {0};
        Map<ClientKey, OAuthClientSnapshot> clients = new HashMap<>();
        TopicTableReader.readAll(topics.clients(), configs, timeout).forEach((key, snapshot) -> {
            if (key.getOrgId().equals(snapshot.getOrgId()) && key.getClientId().equals(snapshot.getId())) {
                clients.put(key, snapshot);
            } else {
                skipped[0]++;
            }
        });
        Map<ClientKey, IntegrationRecord> integrations = new HashMap<>();
        TopicTableReader.readAll(topics.integrations(), configs, timeout).forEach((key, record) -> {
            if (key.getOrgId().equals(record.getOrgId()) && key.getClientId().equals(record.getClientId())) {
                integrations.put(key, record);
            } else {
                skipped[0]++;
            }
        });
        Map<String, AuthorizationSnapshot> authorization = new HashMap<>();
        TopicTableReader.readAll(topics.authorization(), configs, timeout).forEach((key, roles) -> {
            if (key.getOrgId().equals(roles.getOrgId()) && roles.getVerified()) {
                authorization.put(key.getOrgId(), roles);
            } else {
                skipped[0]++;
            }
        });
        Map<ClientKey, List<ActivityEvidence>> evidence = new HashMap<>();
        int evidenceRecords = 0;
        for (TopicLogReader.Entry<ClientKey, ActivityEvidence> entry : TopicLogReader.readAll(topics.activity(), configs, timeout)) {
            ActivityEvidence value = entry.value();
            if (entry.key() == null || value == null || !entry.key().getOrgId().equals(value.getOrgId())
                    || !entry.key().getClientId().equals(value.getClientId())) {
                skipped[0]++;
                continue;
            }
            evidence.computeIfAbsent(entry.key(), k -> new ArrayList<>()).add(value);
            evidenceRecords++;
        }
        // Partition order is not time order: a backtest walks each client's evidence by when the use happened.
        evidence.values().forEach(list -> list.sort(Comparator.comparing(ActivityEvidence::getEventAt)));
        return new RecordedHistory(clients, evidence, integrations, authorization, evidenceRecords, skipped[0]);
    }

    public List<ActivityEvidence> evidenceOf(ClientKey key) {
        return evidence.getOrDefault(key, List.of());
    }

    private static void requireTopics(Map<String, Object> configs, Duration timeout, Topic<?, ?>... needed) {
        List<String> missing = ClusterTopics.missing(configs, timeout, needed);
        if (!missing.isEmpty()) {
            throw new MissingTopicsException(missing);
        }
    }
}
