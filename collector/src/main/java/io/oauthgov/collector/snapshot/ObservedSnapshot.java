package io.oauthgov.collector.snapshot;

import io.oauthgov.avro.OAuthClientSnapshot;
import java.time.Instant;
import java.util.List;

/** One finished listing of an organization, secrets already dropped, with the verdict on its completeness. */
public record ObservedSnapshot(
        String snapshotId,
        String orgId,
        String region,
        Instant startedAt,
        Instant completedAt,
        long declaredTotal,
        int pages,
        List<OAuthClientSnapshot> clients,
        SnapshotVerification verification) {

    public ObservedSnapshot {
        clients = List.copyOf(clients);
    }
}
