package io.oauthgov.cli.approvals;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.DeletionCandidate;
import io.oauthgov.schemas.topics.Topic;
import io.oauthgov.schemas.topics.TopicTableReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The deletion candidates the analyzer currently proposes, read from the compacted candidates topic: the latest
 * candidate per client, withdrawn ones (tombstones) gone. This is what a human decides about, and the only source of
 * the candidate id and fingerprint an approval must quote.
 */
public final class OpenCandidates {
    /** Org, then when each became eligible, then client id: the order an operator works through them. */
    private static final Comparator<DeletionCandidate> ORDER = Comparator.comparing(DeletionCandidate::getOrgId)
            .thenComparing(DeletionCandidate::getEligibleAt)
            .thenComparing(DeletionCandidate::getClientId);

    private final List<DeletionCandidate> candidates;

    public OpenCandidates(List<DeletionCandidate> candidates) {
        this.candidates = candidates.stream().sorted(ORDER).toList();
    }

    /** Reads the table; never creates the topic (the caller checks it exists and says so clearly if not). */
    public static OpenCandidates read(Topic<ClientKey, DeletionCandidate> topic, Map<String, Object> clientConfigs, Duration timeout) {
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new OpenCandidates(new ArrayList<>(TopicTableReader.readAll(topic, configs, timeout).values()));
    }

    public List<DeletionCandidate> all() {
        return candidates;
    }

    /** Only this organization's candidates; every candidate when {@code orgId} is null. */
    public OpenCandidates inOrg(String orgId) {
        return orgId == null ? this : new OpenCandidates(candidates.stream().filter(c -> c.getOrgId().equals(orgId)).toList());
    }

    /**
     * The candidates for the given client ids, in the order given. A client id with no candidate is unknown; one with
     * candidates in several organizations is ambiguous (the caller narrows with an org): either way nothing is
     * decided by guessing.
     */
    public Selection select(List<String> clientIds) {
        Map<String, List<DeletionCandidate>> byClientId = new HashMap<>();
        candidates.forEach(c -> byClientId.computeIfAbsent(c.getClientId(), id -> new ArrayList<>()).add(c));
        Map<String, DeletionCandidate> found = new LinkedHashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        Map<String, List<String>> ambiguous = new LinkedHashMap<>();
        for (String clientId : new LinkedHashSet<>(clientIds)) {
            List<DeletionCandidate> matches = byClientId.getOrDefault(clientId, List.of());
            if (matches.isEmpty()) {
                unknown.add(clientId);
            } else if (matches.size() > 1) {
                ambiguous.put(clientId, matches.stream().map(DeletionCandidate::getOrgId).toList());
            } else {
                found.put(clientId, matches.get(0));
            }
        }
        return new Selection(List.copyOf(found.values()), List.copyOf(unknown), Collections.unmodifiableMap(ambiguous));
    }

    /** @param ambiguous client id to the organizations that each have a candidate with that id */
    public record Selection(List<DeletionCandidate> found, List<String> unknown, Map<String, List<String>> ambiguous) {
        public boolean complete() {
            return unknown.isEmpty() && ambiguous.isEmpty();
        }
    }
}
