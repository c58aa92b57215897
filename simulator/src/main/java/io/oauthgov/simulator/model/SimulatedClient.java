package io.oauthgov.simulator.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One OAuth client as the simulated organization stores it. Immutable: every change makes a new value,
 * so a reader holding an old value (e.g. a test comparing before/after) never sees it shift.
 */
public record SimulatedClient(
        String id,
        String name,
        String description,
        long accessTokenValiditySeconds,
        List<String> registeredRedirectUri,
        String secret,
        List<String> roleIds,
        List<RoleDivision> roleDivisions,
        Instant dateCreated,
        Instant dateModified,
        EntityRef createdBy,
        EntityRef modifiedBy,
        GrantType authorizedGrantType,
        List<String> scope,
        ClientState state,
        Instant dateToDelete) {

    public SimulatedClient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(authorizedGrantType, "authorizedGrantType");
        Objects.requireNonNull(state, "state");
        registeredRedirectUri = List.copyOf(registeredRedirectUri);
        roleIds = List.copyOf(roleIds);
        roleDivisions = List.copyOf(roleDivisions);
        scope = List.copyOf(scope);
    }

    public SimulatedClient withState(ClientState newState, Instant at, EntityRef by) {
        return new SimulatedClient(id, name, description, accessTokenValiditySeconds, registeredRedirectUri, secret,
                roleIds, roleDivisions, dateCreated, at, createdBy, by, authorizedGrantType, scope, newState,
                dateToDelete);
    }

    public SimulatedClient withDateToDelete(Instant purgeAt) {
        return new SimulatedClient(id, name, description, accessTokenValiditySeconds, registeredRedirectUri, secret,
                roleIds, roleDivisions, dateCreated, dateModified, createdBy, modifiedBy, authorizedGrantType, scope,
                state, purgeAt);
    }

    public SimulatedClient withScopeAndDescription(List<String> newScope, String newDescription, Instant at,
            EntityRef by) {
        return new SimulatedClient(id, name, newDescription, accessTokenValiditySeconds, registeredRedirectUri, secret,
                roleIds, roleDivisions, dateCreated, at, createdBy, by, authorizedGrantType, newScope, state,
                dateToDelete);
    }

    /** One more role grant, as an admin adding a role to a client-credentials client in the UI does. */
    public SimulatedClient withGrantAndDescription(RoleDivision grant, String newDescription, Instant at, EntityRef by) {
        List<RoleDivision> grants = new java.util.ArrayList<>(roleDivisions);
        grants.add(grant);
        List<String> ids = grants.stream().map(RoleDivision::roleId).distinct().toList();
        return new SimulatedClient(id, name, newDescription, accessTokenValiditySeconds, registeredRedirectUri, secret,
                ids, grants, dateCreated, at, createdBy, by, authorizedGrantType, scope, state, dateToDelete);
    }

    /** True while the two-step delete has scheduled a purge that has not happened yet. */
    public boolean pendingDeletion() {
        return dateToDelete != null;
    }

    /** Never print the secret: this record ends up in assertion messages and logs. */
    @Override
    public String toString() {
        return "SimulatedClient[id=" + id + ", name=" + name + ", grant=" + authorizedGrantType.wireName()
                + ", state=" + state.wireName() + ", dateToDelete=" + dateToDelete + "]";
    }
}
