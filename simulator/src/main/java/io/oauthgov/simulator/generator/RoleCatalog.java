package io.oauthgov.simulator.generator;

import io.oauthgov.simulator.model.AuthorizationRole;
import io.oauthgov.simulator.model.PermissionPolicy;
import java.util.List;

/**
 * The roles every generated organization has: Genesys' built-in roles (Master Admin, Developer, Employee, with
 * their {@code defaultRoleId}) and the custom roles integrations are typically given, each shaped after what one
 * kind of integration needs (see {@link AccessProfile}). Permission names follow Genesys' {@code domain:entity:action}
 * form; the built-in roles' real policy lists are much longer, these keep what decides a governance verdict.
 */
final class RoleCatalog {
    static final String MASTER_ADMIN = "Master Admin";
    static final String DEVELOPER = "Developer";
    static final String EMPLOYEE = "Employee";
    static final String ANALYTICS_READER = "Analytics Export (read-only)";
    static final String DIRECTORY_READER = "Directory Reader";
    static final String WFM_READER = "WFM Schedule Reader";
    static final String USER_PROVISIONING = "User Provisioning";
    static final String PRESENCE_SYNC = "Presence Sync";
    static final String AGENT_ASSIST = "Conversation Agent Assist";
    static final String COLLECTOR = "oauthgov Collector";
    static final String EXECUTOR = "oauthgov Executor";

    /** A role before it gets an id. */
    record Template(String name, String description, String defaultRoleId, List<String> permissions,
            List<PermissionPolicy> policies) {

        AuthorizationRole build(String id, int userCount) {
            boolean builtIn = defaultRoleId != null;
            return new AuthorizationRole(id, name, description, defaultRoleId, permissions, policies, userCount,
                    builtIn, builtIn);
        }
    }

    static final List<Template> TEMPLATES = List.of(
            new Template(MASTER_ADMIN, "Master Admin has all permissions", "admin", List.of("admin"),
                    List.of(PermissionPolicy.of("*", "*", "*"))),
            new Template(DEVELOPER, "Manage OAuth clients, integrations and flows", "developer", List.of(),
                    List.of(PermissionPolicy.of("oauth", "client", "view", "add", "edit", "delete"),
                            PermissionPolicy.of("integrations", "*", "*"),
                            PermissionPolicy.of("architect", "flow", "view"),
                            PermissionPolicy.of("authorization", "role", "view"))),
            new Template(EMPLOYEE, "Basic access every user has", "employee", List.of(),
                    List.of(PermissionPolicy.of("directory", "user", "view"),
                            PermissionPolicy.of("routing", "queue", "view"))),
            custom(ANALYTICS_READER, "Reads conversation details and reporting exports",
                    PermissionPolicy.of("analytics", "conversationDetail", "view"),
                    PermissionPolicy.of("analytics", "reportingExport", "view")),
            custom(DIRECTORY_READER, "Reads users and queues",
                    PermissionPolicy.of("directory", "user", "view"),
                    PermissionPolicy.of("routing", "queue", "view")),
            custom(WFM_READER, "Reads WFM management units and queues",
                    PermissionPolicy.of("wfm", "managementUnit", "view"),
                    PermissionPolicy.of("routing", "queue", "view")),
            custom(USER_PROVISIONING, "Creates and updates users from the HR system",
                    PermissionPolicy.of("directory", "user", "view", "add", "edit"),
                    PermissionPolicy.of("routing", "queue", "view")),
            custom(PRESENCE_SYNC, "Mirrors presence from the CRM",
                    PermissionPolicy.of("presence", "userPresence", "view", "edit"),
                    PermissionPolicy.of("directory", "user", "view")),
            custom(AGENT_ASSIST, "Reads and annotates live conversations",
                    PermissionPolicy.of("conversation", "communication", "view", "edit"),
                    PermissionPolicy.of("recording", "recording", "view")),
            custom(COLLECTOR, "Governance pipeline: reads clients, usage, audits, roles and divisions",
                    PermissionPolicy.of("oauth", "client", "view"),
                    PermissionPolicy.of("audits", "audit", "view"),
                    PermissionPolicy.of("usage", "api", "view"),
                    PermissionPolicy.of("authorization", "role", "view"),
                    PermissionPolicy.of("authorization", "division", "view")),
            custom(EXECUTOR, "Governance pipeline: deactivates and deletes approved clients",
                    PermissionPolicy.of("oauth", "client", "view", "edit", "delete"),
                    PermissionPolicy.of("audits", "audit", "view"),
                    PermissionPolicy.of("usage", "api", "view")));

    private static Template custom(String name, String description, PermissionPolicy... policies) {
        return new Template(name, description, null, List.of(), List.of(policies));
    }

    private RoleCatalog() {
    }
}
