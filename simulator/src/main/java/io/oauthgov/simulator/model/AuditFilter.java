package io.oauthgov.simulator.model;

import java.util.Objects;

/** An audit query filter; property names are the API's ({@code ClientId}, {@code EntityId}, ...). */
public record AuditFilter(String property, String value) {

    public boolean matches(AuditEntry entry, String userHomeOrgId) {
        return switch (property) {
            case "ClientId" -> Objects.equals(entry.clientId(), value);
            case "EntityId" -> entry.entity() != null && Objects.equals(entry.entity().id(), value);
            case "EntityType" -> Objects.equals(entry.entityType(), value);
            case "Action" -> Objects.equals(entry.action(), value);
            case "UserId" -> entry.user() != null && Objects.equals(entry.user().id(), value);
            case "TrusteeOrganizationId" -> Objects.equals(userHomeOrgId, value);
            default -> false;
        };
    }

    public static boolean knownProperty(String property) {
        return switch (property) {
            case "ClientId", "EntityId", "EntityType", "Action", "UserId", "TrusteeOrganizationId" -> true;
            default -> false;
        };
    }
}
