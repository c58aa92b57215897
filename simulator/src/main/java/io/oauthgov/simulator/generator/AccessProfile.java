package io.oauthgov.simulator.generator;

import java.util.List;

/**
 * What one kind of integration calls (template URI and HTTP method, as usage rows report them) and the role that
 * covers exactly that. A client's usage rows are drawn from its profile's endpoints, so the usage API tells the
 * same story as its role: a reporting export only reads analytics, a provisioning bot creates and updates users.
 */
enum AccessProfile {
    REPORTING_EXPORT(RoleCatalog.ANALYTICS_READER, true,
            endpoint("api/v2/analytics/reporting/exports", "GET"),
            endpoint("api/v2/analytics/conversations/details/jobs/{jobId}/results", "GET")),
    DIRECTORY_READER(RoleCatalog.DIRECTORY_READER, true,
            endpoint("api/v2/users", "GET"),
            endpoint("api/v2/users/{userId}", "GET"),
            endpoint("api/v2/routing/queues", "GET")),
    WFM_SYNC(RoleCatalog.WFM_READER, true,
            endpoint("api/v2/workforcemanagement/managementunits", "GET"),
            endpoint("api/v2/routing/queues", "GET")),
    PROVISIONING_BOT(RoleCatalog.USER_PROVISIONING, false,
            endpoint("api/v2/users", "POST"),
            endpoint("api/v2/users/{userId}", "PATCH"),
            endpoint("api/v2/users", "GET"),
            endpoint("api/v2/routing/queues", "GET")),
    PRESENCE_SYNC(RoleCatalog.PRESENCE_SYNC, false,
            endpoint("api/v2/users/{userId}/presences/purecloud", "PATCH"),
            endpoint("api/v2/users/{userId}", "GET")),
    AGENT_ASSIST(RoleCatalog.AGENT_ASSIST, false,
            endpoint("api/v2/conversations/{conversationId}", "GET"),
            endpoint("api/v2/conversations/calls/{conversationId}/participants/{participantId}", "PATCH"),
            endpoint("api/v2/recordings/{recordingId}", "GET")),
    GOVERNANCE_COLLECTOR(RoleCatalog.COLLECTOR, true,
            endpoint("api/v2/oauth/clients", "GET"),
            endpoint("api/v2/usage/query", "POST"),
            endpoint("api/v2/audits/query", "POST")),
    GOVERNANCE_EXECUTOR(RoleCatalog.EXECUTOR, false,
            endpoint("api/v2/oauth/clients/{clientId}", "GET"),
            endpoint("api/v2/oauth/clients/{clientId}", "PUT"),
            endpoint("api/v2/oauth/clients/{clientId}", "DELETE"));

    /** One (template URI, HTTP method) pair. */
    record Endpoint(String templateUri, String httpMethod) {
    }

    /** Profiles of ordinary integrations (the pipeline's own identities have theirs). */
    static final List<AccessProfile> INTEGRATIONS = List.of(REPORTING_EXPORT, DIRECTORY_READER, WFM_SYNC,
            PROVISIONING_BOT, PRESENCE_SYNC, AGENT_ASSIST);
    static final List<AccessProfile> READ_ONLY = INTEGRATIONS.stream().filter(AccessProfile::readOnly).toList();

    private final String roleName;
    private final boolean readOnly;
    private final List<Endpoint> endpoints;

    AccessProfile(String roleName, boolean readOnly, Endpoint... endpoints) {
        this.roleName = roleName;
        this.readOnly = readOnly;
        this.endpoints = List.of(endpoints);
    }

    private static Endpoint endpoint(String templateUri, String httpMethod) {
        return new Endpoint(templateUri, httpMethod);
    }

    /** The role that grants what this profile calls and no more. */
    String roleName() {
        return roleName;
    }

    /** Whether the profile only reads (its role grants only {@code view}). */
    boolean readOnly() {
        return readOnly;
    }

    List<Endpoint> endpoints() {
        return endpoints;
    }
}
