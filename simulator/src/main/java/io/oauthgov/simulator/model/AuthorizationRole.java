package io.oauthgov.simulator.model;

import java.util.List;

/**
 * An organization role ({@code DomainOrganizationRole}). Built-in roles carry the {@code defaultRoleId} they were
 * created from (e.g. {@code admin} for Master Admin) and {@code base}/{@code default} true; custom roles have
 * neither. {@code permissions} is the legacy flat permission list the API still returns beside the policies.
 */
public record AuthorizationRole(String id, String name, String description, String defaultRoleId,
        List<String> permissions, List<PermissionPolicy> permissionPolicies, int userCount, boolean base,
        boolean isDefault) {

    public AuthorizationRole {
        permissions = List.copyOf(permissions);
        permissionPolicies = List.copyOf(permissionPolicies);
    }

    /** True when no policy grants anything but {@code view} (or {@code *} for nothing): a read-only role. */
    public boolean readOnly() {
        return permissionPolicies.stream().allMatch(p -> !p.domain().equals("*") && !p.entityName().equals("*")
                && p.actionSet().stream().allMatch("view"::equals));
    }
}
