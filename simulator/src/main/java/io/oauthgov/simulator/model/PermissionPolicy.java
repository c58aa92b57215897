package io.oauthgov.simulator.model;

import java.util.List;

/**
 * One permission policy of a role, as {@code DomainPermissionPolicy} describes it: a domain, an entity and the
 * actions granted on it. {@code *} is a wildcard in each of the three ({@code *:*:*} is everything).
 */
public record PermissionPolicy(String domain, String entityName, List<String> actionSet, boolean allowConditions) {

    public PermissionPolicy {
        actionSet = List.copyOf(actionSet);
    }

    public static PermissionPolicy of(String domain, String entityName, String... actions) {
        return new PermissionPolicy(domain, entityName, List.of(actions), false);
    }
}
