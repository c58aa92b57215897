package io.oauthgov.genesys.model;

import java.util.List;

/**
 * Everything one listing pass returned, reported faithfully for the collector to verify: the entities in order,
 * the {@code total} the first page declared, the totals later pages declared, and how many pages were read.
 */
public record ClientListing(List<OAuthClient> entities, long declaredTotal, List<Long> totalsPerPage, int pages) {
    public ClientListing {
        entities = List.copyOf(entities);
        totalsPerPage = List.copyOf(totalsPerPage);
    }

    /** Whether the pages disagreed about the total: the registry changed while it was being read. */
    public boolean totalChangedBetweenPages() {
        return totalsPerPage.stream().distinct().count() > 1;
    }
}
