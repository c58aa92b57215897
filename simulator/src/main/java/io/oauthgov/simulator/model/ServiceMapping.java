package io.oauthgov.simulator.model;

import java.util.List;

/** The audit services and entity types the simulator knows; served by {@code /audits/query/servicemapping}. */
public final class ServiceMapping {
    public static final String PEOPLE_PERMISSIONS = "PeoplePermissions";
    public static final String DIRECTORY = "Directory";
    public static final String ROUTING = "Routing";
    public static final String INTEGRATIONS = "Integrations";

    public record EntityActions(String name, List<String> actions) {
    }

    public record Service(String name, List<EntityActions> entities) {
    }

    public static final List<Service> SERVICES = List.of(
            new Service(PEOPLE_PERMISSIONS, List.of(
                    new EntityActions("OAuthClient", List.of("Create", "Update", "Delete")),
                    new EntityActions("OAuthClientAuthorization", List.of("Authorize", "Revoke")),
                    // token grants are action Create (the SDK's ActionEnum spelling); ACCESSTOKENCREATE_SUCCESS is
                    // their message code, not an action (see TokenGrant)
                    new EntityActions(TokenGrant.ENTITY_TYPE, List.of(TokenGrant.ACTION, "Delete")),
                    new EntityActions("Role", List.of("Create", "Update", "Delete")))),
            new Service(DIRECTORY, List.of(
                    new EntityActions("User", List.of("Create", "Update", "Delete")),
                    new EntityActions("DirectoryGroup", List.of("Create", "Update", "Delete")))),
            new Service(ROUTING, List.of(
                    new EntityActions("Queue", List.of("Create", "Update", "Delete")),
                    new EntityActions("Skill", List.of("Create", "Update", "Delete")))),
            new Service(INTEGRATIONS, List.of(
                    new EntityActions("Integration", List.of("Create", "Update", "Delete")))));

    private ServiceMapping() {
    }

    public static boolean knows(String serviceName) {
        return SERVICES.stream().anyMatch(s -> s.name().equals(serviceName));
    }
}
