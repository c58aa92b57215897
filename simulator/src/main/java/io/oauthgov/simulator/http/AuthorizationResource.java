package io.oauthgov.simulator.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.simulator.model.AuthorizationRole;
import io.oauthgov.simulator.model.Division;
import io.oauthgov.simulator.model.Json;
import io.oauthgov.simulator.model.Permissions;
import io.oauthgov.simulator.model.PermissionPolicy;
import java.util.List;

/**
 * {@code /api/v2/authorization/roles} and {@code /api/v2/authorization/divisions}: the roles a client-credentials
 * client is granted (by id, in {@code roleDivisions}) and the divisions those grants apply to, paged like every
 * Genesys listing ({@code pageSize}, default 25, and {@code pageNumber}).
 */
public final class AuthorizationResource {
    public static final String ROLES_PATH = "/api/v2/authorization/roles";
    public static final String DIVISIONS_PATH = "/api/v2/authorization/divisions";

    public List<Route> routes() {
        return List.of(
                Route.of("GET", ROLES_PATH, Permissions.ROLE_VIEW,
                        call -> EntityListing.page(call, ROLES_PATH, call.org().roles(), AuthorizationResource::role)),
                Route.of("GET", ROLES_PATH + "/{roleId}", Permissions.ROLE_VIEW, this::oneRole),
                Route.of("GET", DIVISIONS_PATH + "/home", Permissions.DIVISION_VIEW, this::home),
                Route.of("GET", DIVISIONS_PATH, Permissions.DIVISION_VIEW, call -> EntityListing.page(call,
                        DIVISIONS_PATH, call.org().divisions(), AuthorizationResource::division)));
    }

    private ApiResponse oneRole(ApiCall call) {
        return call.org().role(call.path("roleId")).map(r -> ApiResponse.ok(role(r)))
                .orElseGet(() -> call.notFound("Role " + call.path("roleId")));
    }

    private ApiResponse home(ApiCall call) {
        return call.org().divisions().stream().filter(Division::homeDivision).findFirst()
                .map(d -> ApiResponse.ok(division(d))).orElseGet(() -> call.notFound("Home division"));
    }

    static ObjectNode role(AuthorizationRole role) {
        ObjectNode node = Json.object();
        node.put("id", role.id());
        node.put("name", role.name());
        if (role.description() != null) {
            node.put("description", role.description());
        }
        if (role.defaultRoleId() != null) {
            node.put("defaultRoleId", role.defaultRoleId());
        }
        role.permissions().forEach(node.putArray("permissions")::add);
        ArrayNode policies = node.putArray("permissionPolicies");
        for (PermissionPolicy p : role.permissionPolicies()) {
            ObjectNode policy = policies.addObject();
            policy.put("domain", p.domain());
            policy.put("entityName", p.entityName());
            policy.put("policyName", p.domain() + "_" + p.entityName());
            p.actionSet().forEach(policy.putArray("actionSet")::add);
            policy.put("allowConditions", p.allowConditions());
        }
        node.put("userCount", role.userCount());
        node.put("base", role.base());
        node.put("default", role.isDefault());
        node.put("selfUri", ROLES_PATH + "/" + role.id());
        return node;
    }

    static ObjectNode division(Division division) {
        ObjectNode node = Json.object();
        node.put("id", division.id());
        node.put("name", division.name());
        if (division.description() != null) {
            node.put("description", division.description());
        }
        node.put("homeDivision", division.homeDivision());
        node.put("selfUri", DIVISIONS_PATH + "/" + division.id());
        return node;
    }
}
