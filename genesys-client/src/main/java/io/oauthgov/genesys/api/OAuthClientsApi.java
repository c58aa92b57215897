package io.oauthgov.genesys.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.oauthgov.genesys.ApiResponse;
import io.oauthgov.genesys.GenesysApiException;
import io.oauthgov.genesys.GovernedCaller;
import io.oauthgov.genesys.model.ClientListing;
import io.oauthgov.genesys.model.OAuthClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code /api/v2/oauth/clients}: list (following nextUri), read, replace, deactivate, reactivate, delete. */
public final class OAuthClientsApi {
    static final String PATH = "/api/v2/oauth/clients";
    /** Guards against a server that keeps answering with a nextUri. */
    private static final int MAX_PAGES = 10_000;

    private final GovernedCaller caller;

    public OAuthClientsApi(GovernedCaller caller) {
        this.caller = caller;
    }

    /** Reads every page. Verification (count = total, no duplicates) is the caller's job: this reports faithfully. */
    public ClientListing listAll() {
        List<OAuthClient> entities = new ArrayList<>();
        List<Long> totals = new ArrayList<>();
        String next = PATH;
        int pages = 0;
        while (next != null) {
            if (++pages > MAX_PAGES) {
                throw new GenesysApiException("Client listing did not end after " + MAX_PAGES + " pages", 0, "listing.unbounded",
                        null, null, false, null);
            }
            JsonNode page = caller.call("GET", next, null, false).orElseThrow().body();
            page.path("entities").forEach(e -> entities.add(Json.read(e, OAuthClient.class, "OAuth client")));
            totals.add(page.path("total").asLong(-1));
            String nextUri = page.path("nextUri").asText(null);
            next = nextUri == null || nextUri.isBlank() ? null : pathOf(nextUri);
        }
        return new ClientListing(entities, totals.isEmpty() ? 0 : totals.get(0), totals, pages);
    }

    /** The client, or empty when the API answers 404. */
    public Optional<OAuthClient> get(String clientId) {
        return caller.call("GET", PATH + "/" + clientId, null, true)
                .map(r -> Json.read(r.body(), OAuthClient.class, "OAuth client"));
    }

    /** PUT replaces the whole client, so every field read is sent back (the secret never was read). */
    public OAuthClient replace(OAuthClient client) {
        ApiResponse response = caller.call("PUT", PATH + "/" + client.id(), Json.tree(client), false).orElseThrow();
        return Json.read(response.body(), OAuthClient.class, "OAuth client");
    }

    /** Marks the client inactive: reversible, and required before the API accepts a DELETE. */
    public OAuthClient deactivate(OAuthClient client) {
        return replace(client.withState("inactive"));
    }

    public OAuthClient reactivate(OAuthClient client) {
        return replace(client.withState("active"));
    }

    /** DELETE; true when the client was deleted, false when it was already absent (404). */
    public boolean delete(String clientId) {
        return caller.call("DELETE", PATH + "/" + clientId, null, true).isPresent();
    }

    /** nextUri may be absolute or relative; only its path and query are ours to call (the host is the configured one). */
    private static String pathOf(String uri) {
        URI parsed = URI.create(uri);
        return parsed.getRawPath() + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery());
    }
}
