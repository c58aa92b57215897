package io.oauthgov.simulator.model;

/** A role granted to a client-credentials client, scoped to one division. */
public record RoleDivision(String roleId, String divisionId) {
}
