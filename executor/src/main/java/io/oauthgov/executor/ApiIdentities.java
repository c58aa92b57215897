package io.oauthgov.executor;

import io.oauthgov.genesys.GenesysClient;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API identities this executor may act as, one {@link GenesysClient} (and so one rate budget) each. An approved
 * deletion naming an org or identity missing here is refused, never sent with some other identity's credentials.
 */
public final class ApiIdentities {
    private final Map<String, Map<String, GenesysClient>> byOrg = new LinkedHashMap<>();

    public static ApiIdentities of(Collection<GenesysClient> clients) {
        ApiIdentities identities = new ApiIdentities();
        clients.forEach(identities::add);
        return identities;
    }

    private void add(GenesysClient client) {
        GenesysClient previous = byOrg.computeIfAbsent(client.identity().orgId(), org -> new LinkedHashMap<>())
                .put(client.identity().clientId(), client);
        if (previous != null) {
            throw new IllegalArgumentException("identity " + client.identity() + " is configured twice");
        }
    }

    public boolean knowsOrg(String orgId) {
        return byOrg.containsKey(orgId);
    }

    public Optional<GenesysClient> lookup(String orgId, String identityId) {
        return Optional.ofNullable(byOrg.getOrDefault(orgId, Map.of()).get(identityId));
    }

    public List<GenesysClient> all() {
        return byOrg.values().stream().flatMap(m -> m.values().stream()).toList();
    }
}
