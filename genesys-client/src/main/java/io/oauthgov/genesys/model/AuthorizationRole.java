package io.oauthgov.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An organization role ({@code DomainOrganizationRole}): what a client-credentials client granted it may do, in the
 * divisions its {@code roleDivisions} name. {@code *} is a wildcard in a policy's domain, entity and actions.
 *
 * @param permissions the legacy flat permission list (e.g. {@code admin}) the API returns beside the policies
 * @param base whether it is a built-in role; {@code defaultRoleId} names the built-in it came from
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthorizationRole(
        String id,
        String name,
        String description,
        String defaultRoleId,
        List<String> permissions,
        List<PermissionPolicy> permissionPolicies,
        Integer userCount,
        Boolean base,
        @JsonProperty("default") Boolean defaultRole) {

    public AuthorizationRole {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        permissionPolicies = permissionPolicies == null ? List.of() : List.copyOf(permissionPolicies);
    }

    /** One {@code DomainPermissionPolicy}: actions granted on one entity of one domain. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PermissionPolicy(String domain, String entityName, List<String> actionSet, Boolean allowConditions) {
        public PermissionPolicy {
            actionSet = actionSet == null ? List.of() : List.copyOf(actionSet);
        }
    }
}
