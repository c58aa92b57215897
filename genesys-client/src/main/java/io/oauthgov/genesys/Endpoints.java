package io.oauthgov.genesys;

import java.net.URI;

/** Where the API and the login service are: a region's hosts, or one local base URL (the simulator serves both). */
public record Endpoints(URI apiBase, URI loginBase) {
    public static Endpoints local(String baseUrl) {
        URI base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        return new Endpoints(base, base);
    }

    public URI api(String pathAndQuery) {
        return URI.create(apiBase + pathAndQuery);
    }
}
