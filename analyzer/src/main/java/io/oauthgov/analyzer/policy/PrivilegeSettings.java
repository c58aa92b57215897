package io.oauthgov.analyzer.policy;

import java.util.List;
import java.util.Locale;

/**
 * What the privilege rules look for ({@code privilege:} in {@code policy.yaml}).
 *
 * @param adminRoleNames role names that are admin roles whatever their policies say (compared ignoring case)
 * @param identityAdminPermissions permissions that let a client create or change identities and their power: OAuth
 *                                 clients, roles and grants, users, SSO and SCIM (rule {@code identity-admin})
 * @param sensitivePermissions permissions that must not be granted on every division (rule {@code all-divisions})
 */
public record PrivilegeSettings(List<String> adminRoleNames, List<PermissionPattern> identityAdminPermissions,
                                List<PermissionPattern> sensitivePermissions) {

    public static final List<String> DEFAULT_ADMIN_ROLE_NAMES = List.of("Master Admin");
    public static final List<String> DEFAULT_IDENTITY_ADMIN = List.of("oauth:client:add|edit|delete",
            "authorization:role:add|edit|delete", "authorization:grant:add|delete", "directory:user:add|edit|delete",
            "sso", "scim");
    public static final List<String> DEFAULT_SENSITIVE = List.of("*:*:add|edit|delete");
    public static final PrivilegeSettings DEFAULT = new PrivilegeSettings(DEFAULT_ADMIN_ROLE_NAMES,
            DEFAULT_IDENTITY_ADMIN.stream().map(PermissionPattern::of).toList(),
            DEFAULT_SENSITIVE.stream().map(PermissionPattern::of).toList());

    public PrivilegeSettings {
        adminRoleNames = List.copyOf(adminRoleNames);
        identityAdminPermissions = List.copyOf(identityAdminPermissions);
        sensitivePermissions = List.copyOf(sensitivePermissions);
    }

    public boolean isAdminRoleName(String roleName) {
        return roleName != null && adminRoleNames.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT)
                .equals(roleName.toLowerCase(Locale.ROOT)));
    }
}
