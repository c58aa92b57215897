package io.oauthgov.schemas.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.schemas.SampleRecords;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientFingerprintTest {
    private static final Instant LAST_USE = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void sameClientSeenInALaterSnapshotKeepsItsFingerprint() {
        OAuthClientSnapshot first = SampleRecords.snapshot();
        OAuthClientSnapshot later = OAuthClientSnapshot.newBuilder(first)
                .setSnapshotId("snap-2").setObservedAt(first.getObservedAt().plusSeconds(900)).build();

        assertThat(ClientFingerprint.of(later, LAST_USE)).isEqualTo(ClientFingerprint.of(first, LAST_USE));
        assertThat(ClientFingerprint.differingFields(first, later)).isEmpty();
    }

    @Test
    void reorderedScopesAreTheSameClient() {
        OAuthClientSnapshot client = SampleRecords.snapshot();
        OAuthClientSnapshot reordered = OAuthClientSnapshot.newBuilder(client)
                .setScope(List.of("users:write", "admin")).build();

        assertThat(ClientFingerprint.of(reordered, LAST_USE)).isEqualTo(ClientFingerprint.of(client, LAST_USE));
    }

    @Test
    void aChangedScopeStateOrNewUseChangesTheFingerprintAndNamesTheField() {
        OAuthClientSnapshot client = SampleRecords.snapshot();
        OAuthClientSnapshot changed = OAuthClientSnapshot.newBuilder(client)
                .setScope(List.of("admin")).setState("inactive").build();

        assertThat(ClientFingerprint.of(changed, LAST_USE)).isNotEqualTo(ClientFingerprint.of(client, LAST_USE));
        assertThat(ClientFingerprint.of(client, LAST_USE.plusSeconds(1))).isNotEqualTo(ClientFingerprint.of(client, LAST_USE));
        assertThat(ClientFingerprint.differingFields(client, changed)).containsExactly("state", "scope");
    }

    @Test
    void fingerprintIsStableAcrossReleases() {
        // Pinned (value recomputed independently from the canonical form): approvals in flight quote fingerprints,
        // so the canonical form must never change silently.
        assertThat(ClientFingerprint.of(SampleRecords.snapshot(), LAST_USE)).isEqualTo("1b6f6c54407eb39ea9557230eff652538407a2a814a71c1870b5ecb10a53e425");
    }
}
