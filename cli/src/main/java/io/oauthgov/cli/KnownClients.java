package io.oauthgov.cli;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.schemas.topics.TopicTableReader;
import io.oauthgov.schemas.topics.Topics;
import java.time.Duration;
import java.util.Map;

/**
 * Whether the pipeline's own records know a client: a snapshot of it in the clients topic, or a quarantine or
 * deactivation intent for it in the quarantine topic (both compacted, so this is their current state). An operator
 * command naming a client they do not know is a typo, and publishing it would only leave noise on the control topic.
 */
final class KnownClients {
    private KnownClients() {}

    static boolean known(Topics topics, Map<String, Object> clientConfigs, String orgId, String clientId, Duration timeout) {
        ClientKey key = new ClientKey(orgId, clientId);
        return TopicTableReader.readAll(topics.quarantine(), clientConfigs, timeout).containsKey(key)
                || TopicTableReader.readAll(topics.clients(), clientConfigs, timeout).containsKey(key);
    }
}
