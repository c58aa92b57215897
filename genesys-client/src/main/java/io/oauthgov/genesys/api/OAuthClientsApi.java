package io.oauthgov.genesys.api;

import io.oauthgov.genesys.ApiResponse;
import io.oauthgov.genesys.GovernedCaller;
import io.oauthgov.genesys.model.ClientListing;
import io.oauthgov.genesys.model.OAuthClient;
import io.oauthgov.genesys.model.PagedListing;
import java.util.Optional;

/** {@code /api/v2/oauth/clients}: list (following nextUri), read, replace, deactivate, reactivate, delete. */
public final class OAuthClientsApi {
    static final String PATH = "/api/v2/oauth/clients";

    private final GovernedCaller caller;

    public OAuthClientsApi(GovernedCaller caller) {
        this.caller = caller;
    }

    /** Reads every page. Verification (count = total, no duplicates) is the caller's job: this reports faithfully. */
    public ClientListing listAll() {
        PagedListing<OAuthClient> listing = PagedReader.readAll(caller, PATH, OAuthClient.class, "OAuth client");
        return new ClientListing(listing.entities(), listing.declaredTotal(), listing.totalsPerPage(), listing.pages());
    }

    /** The client, or empty when the API answers 404. */
    public Optional<OAuthClient> get(String clientId) {
        return caller.call("GET", PATH + "/" + clientId, null, true)
                .map(r -> Json.read(r, OAuthClient.class, "OAuth client"));
    }

    /** PUT replaces the whole client, so every field read is sent back (the secret never was read). */
    public OAuthClient replace(OAuthClient client) {
        ApiResponse response = caller.call("PUT", PATH + "/" + client.id(), Json.tree(client), false).orElseThrow();
        return Json.read(response, OAuthClient.class, "OAuth client");
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
}
