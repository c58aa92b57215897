package io.oauthgov.genesys.model;

import java.util.List;

/**
 * Everything one pass over a paged Genesys listing returned, reported faithfully for the caller to verify: the
 * entities in order, the {@code total} the first page declared, the totals later pages declared, and how many pages
 * were read.
 */
public record PagedListing<T>(List<T> entities, long declaredTotal, List<Long> totalsPerPage, int pages) {
    public PagedListing {
        entities = List.copyOf(entities);
        totalsPerPage = List.copyOf(totalsPerPage);
    }

    /** Whether the pages disagreed about the total: the listing changed while it was being read. */
    public boolean totalChangedBetweenPages() {
        return totalsPerPage.stream().distinct().count() > 1;
    }
}
