package io.oauthgov.executor.work;

import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.genesys.snapshot.ClientSnapshots;
import io.oauthgov.genesys.model.OAuthClient;
import java.time.Instant;

/** The live client in the shape the analyzer judged, so "changed since approval" compares like with like. */
final class LiveClients {
    private LiveClients() {}

    /** @param region bookkeeping only (not fingerprinted); empty when unknown */
    static OAuthClientSnapshot snapshot(OAuthClient client, String orgId, String region, Instant observedAt) {
        return ClientSnapshots.from(client, client.authorizedGrantType(), orgId, region, "executor-re-read", observedAt);
    }

    /** Deleted already: gone from reads, or inactive with the platform's purge date set. */
    static boolean deleted(OAuthClient client) {
        return "inactive".equalsIgnoreCase(client.state()) && client.dateToDelete() != null;
    }
}
