package io.oauthgov.simulator.model;

import java.util.Set;

/**
 * Permission strings the simulator checks. The usage permission has no settled public name, so the simulator
 * uses {@code usage:api:view} for both the per-client and the organization-wide usage queries.
 */
public final class Permissions {
    public static final String OAUTH_CLIENT_VIEW = "oauth:client:view";
    public static final String OAUTH_CLIENT_EDIT = "oauth:client:edit";
    public static final String OAUTH_CLIENT_DELETE = "oauth:client:delete";
    public static final String AUDIT_VIEW = "audits:audit:view";
    public static final String USAGE_VIEW = "usage:api:view";
    public static final String ROLE_VIEW = "authorization:role:view";
    public static final String DIVISION_VIEW = "authorization:division:view";

    /** Reads clients, usage, audits, roles and divisions; can change nothing. */
    public static final Set<String> COLLECTOR = Set.of(OAUTH_CLIENT_VIEW, AUDIT_VIEW, USAGE_VIEW, ROLE_VIEW,
            DIVISION_VIEW);

    /**
     * Re-reads, deactivates and deletes clients; may read usage and audits so that it can watch a quarantined
     * client for signs of use before the irreversible delete.
     */
    public static final Set<String> EXECUTOR = Set.of(OAUTH_CLIENT_VIEW, OAUTH_CLIENT_EDIT, OAUTH_CLIENT_DELETE,
            AUDIT_VIEW, USAGE_VIEW);

    private Permissions() {
    }
}
