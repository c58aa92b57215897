package io.oauthgov.simulator.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** All simulated organizations and their API identities, looked up by org id or by client id. */
public final class Tenants {
    private final Map<String, Organization> orgs = new LinkedHashMap<>();
    private final Map<String, List<ApiIdentity>> identitiesByOrg = new LinkedHashMap<>();
    private final Map<String, ApiIdentity> identitiesByClientId = new ConcurrentHashMap<>();

    /** A client together with the organization it lives in. */
    public record Located(Organization org, SimulatedClient client) {
    }

    public Tenants(List<Organization> organizations, Map<String, List<ApiIdentity>> identities) {
        organizations.forEach(o -> orgs.put(o.id(), o));
        identities.forEach((orgId, list) -> {
            identitiesByOrg.put(orgId, List.copyOf(list));
            list.forEach(i -> identitiesByClientId.put(i.clientId(), i));
        });
    }

    public List<Organization> organizations() {
        return List.copyOf(orgs.values());
    }

    public Optional<Organization> organization(String orgId) {
        return Optional.ofNullable(orgs.get(orgId));
    }

    public Organization require(String orgId) {
        return organization(orgId).orElseThrow(() -> new IllegalArgumentException("unknown org " + orgId));
    }

    public List<ApiIdentity> identities(String orgId) {
        return identitiesByOrg.getOrDefault(orgId, List.of());
    }

    public List<ApiIdentity> allIdentities() {
        List<ApiIdentity> all = new ArrayList<>();
        identitiesByOrg.values().forEach(all::addAll);
        return all;
    }

    public Optional<ApiIdentity> identity(String clientId) {
        return Optional.ofNullable(identitiesByClientId.get(clientId));
    }

    /** Finds a client in whichever organization holds it (client ids are globally unique). */
    public Optional<Located> locate(String clientId, Instant now) {
        for (Organization org : orgs.values()) {
            Optional<SimulatedClient> client = org.client(clientId, now);
            if (client.isPresent()) {
                return Optional.of(new Located(org, client.get()));
            }
        }
        return Optional.empty();
    }
}
