package io.oauthgov.analyzer.evaluation;

import io.oauthgov.analyzer.policy.Permission;
import io.oauthgov.analyzer.policy.PermissionPattern;
import io.oauthgov.analyzer.policy.PrivilegeSettings;
import io.oauthgov.analyzer.policy.RuleId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The privilege rules, a pure function of a client's {@link EffectivePrivilege}, its roles and its usage by endpoint
 * over the stale window:
 * <ul>
 *   <li>{@code admin-role}: holds a role named in {@code privilege.adminRoleNames} or whose policies grant a whole
 *       domain ({@code domain:*:*}, {@code *:*:*});
 *   <li>{@code identity-admin}: holds a permission matching {@code privilege.identityAdminPermissions};
 *   <li>{@code all-divisions}: holds a permission matching {@code privilege.sensitivePermissions} on all divisions;
 *   <li>{@code unused-write-permission}: holds a write permission (any action but {@code view}) while every call in
 *       the window only read (GET, or a POST to a {@code .../query} endpoint);
 *   <li>{@code unused-domain}: holds permissions in domains none of its calls in the window belong to
 *       ({@link ApiDomains}).
 * </ul>
 * The two usage rules hold only for a client with calls in the window: an unused client is the stale rules' case.
 * Every finding names the roles, permissions, divisions and request counts behind it.
 */
final class PrivilegeRules {
    /** How many permissions a finding's evidence lists before it says "and N more". */
    private static final int LISTED = 12;

    private final PrivilegeSettings settings;

    PrivilegeRules(PrivilegeSettings settings) {
        this.settings = settings;
    }

    /** What one client's privilege and use add up to. */
    record Assessment(Map<RuleId, Finding> findings, SortedSet<String> usedDomains, boolean readOnly) {}

    /** One rule that holds: its reason and evidence (the caller applies severities and the enabled switches). */
    record Finding(String reason, Map<String, String> evidence) {}

    Assessment assess(EffectivePrivilege privilege, ActivityAggregate activity, Instant windowStart) {
        Map<Endpoint, Long> calls = activity.requestsByEndpointSince(windowStart);
        SortedSet<String> used = new TreeSet<>();
        calls.forEach((endpoint, requests) -> {
            if (requests > 0) {
                used.add(ApiDomains.domainOf(endpoint.templateUri()));
            }
        });
        Map<RuleId, Finding> findings = new LinkedHashMap<>();
        if (!privilege.known() || !privilege.holdsRoles()) {
            return new Assessment(findings, privilege.holdsRoles() ? used : new TreeSet<>(), false);
        }
        String roles = String.join("; ", privilege.roleGrants());

        TreeSet<String> adminRoleSet = new TreeSet<>();
        privilege.roleNames().stream().filter(settings::isAdminRoleName).forEach(adminRoleSet::add);
        privilege.grants().stream().filter(g -> g.permission().wholeDomain()).forEach(g -> adminRoleSet.addAll(g.roles()));
        List<String> adminRoles = List.copyOf(adminRoleSet);
        if (!adminRoles.isEmpty()) {
            findings.put(RuleId.ADMIN_ROLE, new Finding("Holds admin role(s) " + adminRoles + " (" + roles + ")",
                    evidence(roles, privilege.grants().stream().filter(g -> g.permission().wholeDomain()).toList(),
                            "adminRoles", String.join(", ", adminRoles))));
        }
        List<EffectivePrivilege.PermissionGrant> identity = matching(privilege, settings.identityAdminPermissions(), g -> true);
        if (!identity.isEmpty()) {
            findings.put(RuleId.IDENTITY_ADMIN, new Finding("Can manage identities or their power: " + list(identity),
                    evidence(roles, identity, "patterns", text(settings.identityAdminPermissions()))));
        }
        List<EffectivePrivilege.PermissionGrant> everywhere = matching(privilege, settings.sensitivePermissions(),
                EffectivePrivilege.PermissionGrant::allDivisions);
        if (!everywhere.isEmpty()) {
            findings.put(RuleId.ALL_DIVISIONS, new Finding("Sensitive permissions on all divisions: " + list(everywhere),
                    evidence(roles, everywhere, "patterns", text(settings.sensitivePermissions()))));
        }
        Map<String, Long> byMethod = new TreeMap<>();
        calls.forEach((endpoint, requests) -> byMethod.merge(endpoint.httpMethod(), requests, Long::sum));
        long total = byMethod.values().stream().mapToLong(Long::longValue).sum();
        boolean wrote = calls.entrySet().stream().anyMatch(e -> e.getKey().writes() && e.getValue() > 0);
        String methods = byMethod.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        List<EffectivePrivilege.PermissionGrant> writes = privilege.writeGrants();
        if (total > 0 && !wrote && !writes.isEmpty()) {
            Map<String, String> evidence = evidence(roles, writes, "requestsByMethod", methods);
            evidence.put("usedDomains", String.join(",", used));
            findings.put(RuleId.UNUSED_WRITE_PERMISSION, new Finding("Holds write permissions (" + list(writes)
                    + ") but its " + total + " requests in the window only read (" + methods + ")", evidence));
        }
        SortedSet<String> held = privilege.domains();
        SortedSet<String> unused = new TreeSet<>(held);
        unused.removeAll(used);
        if (total > 0 && !unused.isEmpty()) {
            String unusedText = unused.contains(Permission.ANY)
                    ? "every domain (*) but " + (used.isEmpty() ? "none" : String.join(", ", used)) : String.join(", ", unused);
            Map<String, String> evidence = evidence(roles, List.of(), "unusedDomains", unusedText);
            evidence.put("heldDomains", String.join(",", held));
            evidence.put("usedDomains", String.join(",", used));
            evidence.put("requestsByMethod", methods);
            findings.put(RuleId.UNUSED_DOMAIN, new Finding("Holds permissions in " + unusedText
                    + " but called only " + (used.isEmpty() ? "nothing" : String.join(", ", used)) + " in the window", evidence));
        }
        return new Assessment(findings, used, writes.isEmpty());
    }

    private static List<EffectivePrivilege.PermissionGrant> matching(EffectivePrivilege privilege, List<PermissionPattern> patterns,
                                                                     Predicate<EffectivePrivilege.PermissionGrant> also) {
        return privilege.grants().stream().filter(also)
                .filter(g -> patterns.stream().anyMatch(p -> p.matches(g.permission()))).toList();
    }

    private static Map<String, String> evidence(String roles, List<EffectivePrivilege.PermissionGrant> grants,
                                                String key, String value) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("roles", roles);
        if (!grants.isEmpty()) {
            evidence.put("permissions", list(grants));
        }
        evidence.put(key, value);
        return evidence;
    }

    /** "directory:user:add @ Home (User Provisioning), ..." with at most {@link #LISTED} entries. */
    private static String list(List<EffectivePrivilege.PermissionGrant> grants) {
        String listed = grants.stream().limit(LISTED).map(g -> g.permission() + " @ " + g.where() + " ("
                + String.join(", ", g.roles()) + ")").collect(Collectors.joining("; "));
        return grants.size() > LISTED ? listed + "; and " + (grants.size() - LISTED) + " more" : listed;
    }

    private static String text(List<PermissionPattern> patterns) {
        return patterns.stream().map(PermissionPattern::text).collect(Collectors.joining(","));
    }
}
