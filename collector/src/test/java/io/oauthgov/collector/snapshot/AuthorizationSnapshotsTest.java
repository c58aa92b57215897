package io.oauthgov.collector.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.genesys.model.Division;
import io.oauthgov.genesys.model.PagedListing;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Roles and divisions are trusted on the same terms as client listings. */
class AuthorizationSnapshotsTest {
    private static final Division HOME = new Division("d-1", "Home", null, true);
    private static final Division EMEA = new Division("d-2", "EMEA", null, false);

    @Test
    void aCompleteListingIsVerified() {
        assertThat(AuthorizationSnapshots.verify("divisions", new PagedListing<>(List.of(HOME, EMEA), 2, List.of(2L), 1),
                Division::id)).isEmpty();
    }

    @Test
    void fewerEntitiesThanTheDeclaredTotalAreNotTrusted() {
        assertThat(AuthorizationSnapshots.verify("divisions", new PagedListing<>(List.of(HOME), 2, List.of(2L, 2L), 2),
                Division::id)).containsExactly("divisions " + SnapshotVerification.TOTAL_MISMATCH);
    }

    @Test
    void anIdListedTwiceOrATotalThatMovedBetweenPagesIsNotTrusted() {
        assertThat(AuthorizationSnapshots.verify("roles", new PagedListing<>(List.of(HOME, HOME), 2, List.of(2L, 3L), 2),
                Division::id)).containsExactly("roles " + SnapshotVerification.DUPLICATE_IDS, "roles " + SnapshotVerification.LISTING_DRIFT);
    }
}
