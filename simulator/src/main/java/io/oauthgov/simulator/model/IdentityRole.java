package io.oauthgov.simulator.model;

import java.util.Set;

/** What an API identity is for; decides its default permissions. */
public enum IdentityRole {
    COLLECTOR(Permissions.COLLECTOR),
    EXECUTOR(Permissions.EXECUTOR);

    private final Set<String> permissions;

    IdentityRole(Set<String> permissions) {
        this.permissions = permissions;
    }

    public Set<String> defaultPermissions() {
        return permissions;
    }
}
