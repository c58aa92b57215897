package io.oauthgov.simulator.http;

import java.time.Instant;
import java.util.Set;

/** Who is calling: resolved from the bearer token. Clients that are not API identities carry no permissions. */
public record Caller(String orgId, String clientId, String clientName, Set<String> permissions, Instant expiresAt) {

    public Caller {
        permissions = Set.copyOf(permissions);
    }

    public boolean may(String permission) {
        return permissions.contains(permission);
    }
}
