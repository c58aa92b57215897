package io.oauthgov.executor.work;

import io.oauthgov.genesys.GenesysClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many clients each organization has, for the fraction limit. Read from the live listing (one paged GET per org
 * and hour, from the identity's own budget) rather than from {@code genesys.oauth.clients}: the live registry is what
 * a deletion changes, it needs no trust in the collector's topic (where a stray tombstone would shrink the org and
 * loosen the limit), and the executor never reads that topic otherwise. Clients already deleted (a purge date set)
 * do not count.
 */
final class OrgSizes {
    private static final Duration FRESH_FOR = Duration.ofHours(1);

    private record Size(int clients, Instant readAt) {}

    private final Clock clock;
    private final Map<String, Size> sizes = new ConcurrentHashMap<>();

    OrgSizes(Clock clock) {
        this.clock = clock;
    }

    int clients(GenesysClient api) {
        String orgId = api.identity().orgId();
        Size size = sizes.get(orgId);
        if (size == null || size.readAt().plus(FRESH_FOR).isBefore(clock.instant())) {
            synchronized (this) {
                size = sizes.get(orgId);
                if (size == null || size.readAt().plus(FRESH_FOR).isBefore(clock.instant())) {
                    int count = (int) api.oauthClients().listAll().entities().stream().filter(c -> c.dateToDelete() == null).count();
                    size = new Size(count, clock.instant());
                    sizes.put(orgId, size);
                }
            }
        }
        return size.clients();
    }
}
