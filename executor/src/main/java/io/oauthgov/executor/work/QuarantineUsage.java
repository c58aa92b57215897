package io.oauthgov.executor.work;

import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.genesys.ApiIdentity;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.model.UsageRow;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Use of quarantined clients, read with the organization-wide usage query grouped by client: one query answers for
 * every quarantine it covers, where a per-client query would spend three calls of the identity's budget on each.
 * A result is reused for a quarantine when it starts no later than the deactivation and ends no earlier than the
 * quarantine's end, so it covers the whole quarantine. Usage comes in whole days, so use earlier on a deactivation
 * day counts too: that errs towards restoring, never towards deleting a client in use.
 */
final class QuarantineUsage {
    private record Reading(Instant from, Instant to, Map<String, Long> requestsByClient) {
        boolean covers(QuarantineEntry entry) {
            return !from.isAfter(entry.getDeactivatedAt()) && !to.isBefore(entry.getReleaseAt());
        }
    }

    private final Clock clock;
    private final Map<ApiIdentity, Reading> latest = new ConcurrentHashMap<>();
    private final Map<ApiIdentity, Object> locks = new ConcurrentHashMap<>();

    QuarantineUsage(Clock clock) {
        this.clock = clock;
    }

    /** API requests the client made since it was deactivated. */
    long requestsSince(QuarantineEntry entry, GenesysClient api) {
        synchronized (locks.computeIfAbsent(api.identity(), identity -> new Object())) {
            Reading reading = latest.get(api.identity());
            if (reading == null || !reading.covers(entry)) {
                reading = read(entry.getDeactivatedAt(), api);
                latest.put(api.identity(), reading);
            }
            return reading.requestsByClient().getOrDefault(entry.getClientId(), 0L);
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
