package io.oauthgov.analyzer.evaluation;

import io.oauthgov.analyzer.policy.Permission;
import io.oauthgov.avro.AuthorizationDivision;
import io.oauthgov.avro.AuthorizationRole;
import io.oauthgov.avro.AuthorizationSnapshot;
import io.oauthgov.avro.OAuthClientSnapshot;
import io.oauthgov.avro.PermissionPolicy;
import io.oauthgov.avro.RoleDivision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a client may do, computed from the roles it holds and the divisions they are granted in: a pure function of
 * the client's {@code roleDivisions} and its organization's {@link AuthorizationSnapshot}, beside
 * {@link PolicyEvaluator}.
 *
 * <p>Each permission triple the client holds is listed once, with the roles that grant it and where: a set of
 * division names, or <em>all divisions</em> when a grant names the division {@code *}, when its grants together
 * cover every division of the org, or when it is granted in the home division on a domain whose objects belong to
 * no division ({@link #ORG_WIDE_DOMAINS}: OAuth clients, roles, integrations, ... exist once per org, so a grant
 * anywhere is a grant on all of them). Policy conditions ({@code allowConditions}) are ignored: the result is what
 * the roles allow at most.
 *
 * @param known whether the org's roles were known; when not, nothing can be said about the client's privilege
 * @param grants every permission held, sorted
 * @param roleNames the names of the roles held
 * @param roleGrants the roles held, as "name @ division" text, for evidence
 * @param unresolvedRoleIds role ids the client holds that the org's roles do not list (deleted, or a newer role)
 */
public record EffectivePrivilege(boolean known, List<PermissionGrant> grants, List<String> roleNames,
                                 List<String> roleGrants, List<String> unresolvedRoleIds) {

    /** The division id a grant uses to mean every division, present and future. */
    public static final String ALL_DIVISIONS = "*";
    /**
     * Domains whose objects belong to no division (approximate: Genesys documents division-aware object types; these
     * are the ones a governance review meets). {@code *} is here because a wildcard domain includes them.
     */
    public static final Set<String> ORG_WIDE_DOMAINS = Set.of("*", "oauth", "authorization", "integrations",
            "telephony", "sso", "scim", "admin", "audits", "usage", "billing", "organization");

    public static final EffectivePrivilege UNKNOWN = new EffectivePrivilege(false, List.of(), List.of(), List.of(), List.of());

    /**
     * @param roles the names of the roles granting it; @param divisions the division names it is granted in;
     * @param allDivisions whether it reaches every division of the org
     */
    public record PermissionGrant(Permission permission, SortedSet<String> roles, SortedSet<String> divisions,
                                  boolean allDivisions) {
        public PermissionGrant {
            roles = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(roles));
            divisions = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(divisions));
        }

        /** "name @ all divisions" or "name @ EMEA, Home" as a reviewer reads it. */
        public String where() {
            return allDivisions ? "all divisions" : String.join(", ", divisions);
        }
    }

    public EffectivePrivilege {
        grants = List.copyOf(grants);
        roleNames = List.copyOf(roleNames);
        roleGrants = List.copyOf(roleGrants);
        unresolvedRoleIds = List.copyOf(unresolvedRoleIds);
    }

    /** @param authorization the org's roles and divisions; null when they have not arrived (privilege unknown) */
    public static EffectivePrivilege of(OAuthClientSnapshot client, AuthorizationSnapshot authorization) {
        if (authorization == null || !authorization.getVerified()) {
            return UNKNOWN;
        }
        Map<String, AuthorizationRole> roles = new HashMap<>();
        authorization.getRoles().forEach(r -> roles.put(r.getId(), r));
        Map<String, String> divisionNames = new HashMap<>();
        String home = null;
        for (AuthorizationDivision d : authorization.getDivisions()) {
            divisionNames.put(d.getId(), d.getName());
            if (d.getHomeDivision()) {
                home = d.getId();
            }
        }
        Map<Permission, Accumulated> held = new TreeMap<>();
        TreeSet<String> roleNames = new TreeSet<>();
        TreeSet<String> roleGrants = new TreeSet<>();
        TreeSet<String> unresolved = new TreeSet<>();
        for (RoleDivision grant : grants(client, home)) {
            AuthorizationRole role = roles.get(grant.getRoleId());
            if (role == null) {
                unresolved.add(grant.getRoleId());
                continue;
            }
            boolean everywhere = ALL_DIVISIONS.equals(grant.getDivisionId());
            String division = everywhere ? "all divisions"
                    : divisionNames.getOrDefault(grant.getDivisionId(), grant.getDivisionId());
            roleNames.add(role.getName());
            roleGrants.add(role.getName() + " @ " + division);
            for (PermissionPolicy policy : role.getPermissionPolicies()) {
                for (String action : policy.getActionSet()) {
                    Permission permission = new Permission(policy.getDomain(), policy.getEntityName(), action);
                    Accumulated acc = held.computeIfAbsent(permission, p -> new Accumulated());
                    acc.roles.add(role.getName());
                    if (everywhere || (Objects.equals(grant.getDivisionId(), home)
                            && ORG_WIDE_DOMAINS.contains(permission.domain()))) {
                        acc.allDivisions = true;
                    } else {
                        acc.divisionIds.add(grant.getDivisionId());
                    }
                }
            }
        }
        List<PermissionGrant> grants = new ArrayList<>();
        held.forEach((permission, acc) -> {
            boolean all = acc.allDivisions || (!divisionNames.isEmpty() && acc.divisionIds.containsAll(divisionNames.keySet()));
            TreeSet<String> names = new TreeSet<>();
            acc.divisionIds.forEach(id -> names.add(divisionNames.getOrDefault(id, id)));
            grants.add(new PermissionGrant(permission, acc.roles, names, all));
        });
        return new EffectivePrivilege(true, grants, List.copyOf(roleNames), List.copyOf(roleGrants), List.copyOf(unresolved));
    }

    /** {@code roleDivisions}; a client listing only the deprecated {@code roleIds} holds them in the home division. */
    private static List<RoleDivision> grants(OAuthClientSnapshot client, String homeDivision) {
        if (!client.getRoleDivisions().isEmpty()) {
            return client.getRoleDivisions();
        }
        return client.getRoleIds().stream().map(id -> new RoleDivision(id, Objects.toString(homeDivision, ""))).toList();
    }

    private static final class Accumulated {
        final TreeSet<String> roles = new TreeSet<>();
        final TreeSet<String> divisionIds = new TreeSet<>();
        boolean allDivisions;
    }

    /** Whether the client holds any role at all. */
    public boolean holdsRoles() {
        return !roleGrants.isEmpty() || !unresolvedRoleIds.isEmpty();
    }

    public List<PermissionGrant> writeGrants() {
        return grants.stream().filter(g -> g.permission().writes()).toList();
    }

    /** The domains of every permission held ({@code *} when a role grants every domain). */
    public SortedSet<String> domains() {
        TreeSet<String> domains = new TreeSet<>();
        grants.forEach(g -> domains.add(g.permission().domain()));
        return domains;
    }
}
