package io.oauthgov.executor.work;

import io.oauthgov.genesys.ApiIdentity;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.model.UsageRow;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Use of clients, read with the organization-wide usage query grouped by client: one query answers for every client
 * it covers, where a per-client query would spend three calls of the identity's budget on each. A reading is reused
 * when it starts no later than the interval asked about and ends no earlier than the caller needs. Usage comes in
 * whole days, so use earlier on the first day counts too: that errs towards keeping a client, never towards
 * deactivating or deleting one in use. One instance per purpose (deactivations, quarantines), so the two never evict
 * each other's reading.
 */
final class OrgUsage {
    private record Reading(Instant from, Instant to, Map<String, Long> requestsByClient) {
        boolean covers(Instant since, Instant until) {
            return !from.isAfter(since) && !to.isBefore(until);
        }
    }

    private final Clock clock;
    private final Map<ApiIdentity, Reading> latest = new ConcurrentHashMap<>();
    private final Map<ApiIdentity, Object> locks = new ConcurrentHashMap<>();

    OrgUsage(Clock clock) {
        this.clock = clock;
    }

    /**
     * API requests the client made since {@code since}, from a reading that covers at least up to {@code until}
     * (a new org-wide query when the last one does not).
     */
    long requestsSince(GenesysClient api, String clientId, Instant since, Instant until) {
        synchronized (locks.computeIfAbsent(api.identity(), identity -> new Object())) {
            Reading reading = latest.get(api.identity());
            if (reading == null || !reading.covers(since, until)) {
                reading = read(since, api);
                latest.put(api.identity(), reading);
            }
            return reading.requestsByClient().getOrDefault(clientId, 0L);
        }
    }

    private Reading read(Instant from, GenesysClient api) {
        Instant to = clock.instant();
        Map<String, Long> requests = new HashMap<>();
        for (UsageRow row : api.usage().organizationUsageByClient(from, to)) {
            if (row.clientId() != null) {
                requests.merge(row.clientId(), row.requests(), Long::sum);
            }
        }
        return new Reading(from, to, requests);
    }
}
