package io.oauthgov.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JavaType;
import io.oauthgov.genesys.GenesysApiException;
import io.oauthgov.genesys.GovernedCaller;
import io.oauthgov.genesys.model.PagedListing;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every page of a Genesys entity listing by following {@code nextUri}, through the identity's governed call
 * chain. It reports what it read (entities, each page's {@code total}, page count) and leaves verification to the
 * caller.
 */
final class PagedReader {
    /** Guards against a server that keeps answering with a nextUri. */
    private static final int MAX_PAGES = 10_000;

    /** One page as it arrives, read straight from the bytes into {@code T}s. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Page<T>(List<T> entities, Long total, String nextUri) {}

    private PagedReader() {}

    static <T> PagedListing<T> readAll(GovernedCaller caller, String firstPage, Class<T> type, String what) {
        JavaType pageType = Json.MAPPER.getTypeFactory().constructParametricType(Page.class, type);
        List<T> entities = new ArrayList<>();
        List<Long> totals = new ArrayList<>();
        String next = firstPage;
        int pages = 0;
        while (next != null) {
            if (++pages > MAX_PAGES) {
                throw new GenesysApiException(what + " listing did not end after " + MAX_PAGES + " pages", 0,
                        "listing.unbounded", null, null, false, null);
            }
            Page<T> page = Json.read(caller.call("GET", next, null, false).orElseThrow(), pageType, what + " page");
            entities.addAll(Json.elements(page.entities(), what + " listing, page " + pages));
            totals.add(page.total() == null ? -1 : page.total());
            String nextUri = page.nextUri();
            next = nextUri == null || nextUri.isBlank() ? null : pathOf(nextUri);
        }
        return new PagedListing<>(entities, totals.isEmpty() ? 0 : totals.get(0), totals, pages);
    }

    /** nextUri may be absolute or relative; only its path and query are ours to call (the host is the configured one). */
    private static String pathOf(String uri) {
        URI parsed = URI.create(uri);
        return parsed.getRawPath() + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery());
    }
}
