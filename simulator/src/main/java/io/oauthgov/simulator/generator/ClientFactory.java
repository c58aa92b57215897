package io.oauthgov.simulator.generator;

import io.oauthgov.simulator.model.AuthorizationRole;
import io.oauthgov.simulator.model.Division;
import io.oauthgov.simulator.model.EntityRef;
import io.oauthgov.simulator.model.GrantType;
import io.oauthgov.simulator.model.RoleDivision;
import io.oauthgov.simulator.model.SimulatedClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns a {@link ClientProfile} into a realistic {@link SimulatedClient}: name, scopes, roles, people, dates. */
final class ClientFactory {

    /** A generated client with the facts the truth and the registry need. */
    record Generated(SimulatedClient client, ClientProfile profile, String system) {
    }

    static Generated create(ClientProfile profile, OrgContext ctx, SeededRandom r, String secret) {
        String system = r.pick(NameBank.SYSTEMS);
        String name = system + " " + r.pick(NameBank.PURPOSES) + r.pick(NameBank.SUFFIXES);
        Instant created = ctx.daysAgo(profile.createdAgo(), r);
        Instant modified = ctx.daysAgo(profile.modifiedAgo(), r);
        if (modified.isBefore(created)) {
            modified = created;
        }
        EntityRef createdBy = r.pick(ctx.users);
        EntityRef modifiedBy = modified.equals(created) ? createdBy : r.pick(ctx.users);
        List<RoleDivision> grants = roleDivisions(profile, ctx, r);
        SimulatedClient client = new SimulatedClient(r.uuid(), name, description(r),
                r.chance(0.8) ? 86_400 : r.pick(List.of(3_600L, 43_200L, 172_800L)),
                redirectUris(profile, system, r), secret, roleIds(grants), grants, created, modified,
                createdBy, modifiedBy, profile.grant(), scopes(profile, r), profile.state(), null);
        return new Generated(client, profile, system);
    }

    private static String description(SeededRandom r) {
        String description = r.pick(NameBank.DESCRIPTIONS);
        return description.contains("%d") ? String.format(description, r.between(1000, 99999)) : description;
    }

    private static List<String> redirectUris(ClientProfile profile, String system, SeededRandom r) {
        if (!profile.grant().needsRedirectUri()) {
            return List.of();
        }
        String host = system.toLowerCase().replaceAll("[^a-z0-9]+", "-");
        return List.of("https://" + host + ".example.com/oauth/callback" + (r.chance(0.3) ? "?v=2" : ""));
    }

    /** Scopes belong to user-facing grants; a client-credentials client's power is its roles. */
    private static List<String> scopes(ClientProfile profile, SeededRandom r) {
        if (profile.grant() == GrantType.CLIENT_CREDENTIALS) {
            return List.of();
        }
        Set<String> scopes = new LinkedHashSet<>();
        int reads = r.between(1, 4);
        for (int i = 0; i < reads; i++) {
            scopes.add(r.pick(NameBank.READ_SCOPES));
        }
        int writes = r.between(0, 2);
        for (int i = 0; i < writes; i++) {
            scopes.add(r.pick(NameBank.WRITE_SCOPES));
        }
        if (profile.highRiskScopes()) {
            scopes.add(r.pick(NameBank.HIGH_RISK_SCOPES));
            if (r.chance(0.4)) {
                scopes.add(r.pick(NameBank.HIGH_RISK_SCOPES));
            }
        }
        return new ArrayList<>(scopes);
    }

    /**
     * Roles in divisions, for client-credentials clients only: Master Admin (mostly on every division, else on the
     * home division) for the privileged profiles, sometimes with Developer beside it; else the role that covers
     * the profile's calls, on the home division, on one other division, or on every division.
     */
    private static List<RoleDivision> roleDivisions(ClientProfile profile, OrgContext ctx, SeededRandom r) {
        if (profile.grant() != GrantType.CLIENT_CREDENTIALS) {
            return List.of();
        }
        List<RoleDivision> grants = new ArrayList<>();
        if (profile.masterAdmin()) {
            String admin = ctx.role(RoleCatalog.MASTER_ADMIN).id();
            grants.add(new RoleDivision(admin, r.chance(0.6) ? Division.ALL : ctx.homeDivision().id()));
            if (r.chance(0.3)) {
                grants.add(new RoleDivision(ctx.role(RoleCatalog.DEVELOPER).id(), ctx.homeDivision().id()));
            }
            return grants;
        }
        String role = ctx.role(profile.access().roleName()).id();
        if (r.chance(0.5)) {
            grants.add(new RoleDivision(role, ctx.homeDivision().id()));
        } else if (r.chance(0.5)) {
            grants.add(new RoleDivision(role, r.pick(ctx.divisions.subList(1, ctx.divisions.size())).id()));
        } else {
            grants.add(new RoleDivision(role, Division.ALL));
        }
        return grants;
    }

    /** The legacy {@code roleIds}: the distinct roles of the grants. */
    private static List<String> roleIds(List<RoleDivision> grants) {
        return grants.stream().map(RoleDivision::roleId).distinct().toList();
    }

    static boolean hasHighRiskScope(SimulatedClient client) {
        return client.scope().stream().anyMatch(NameBank.HIGH_RISK_SCOPES::contains);
    }

    /** Whether any of the client's grants is Master Admin (policy {@code *:*:*}). */
    static boolean holdsAdminRole(SimulatedClient client, OrgContext ctx) {
        String admin = ctx.role(RoleCatalog.MASTER_ADMIN).id();
        return client.roleDivisions().stream().anyMatch(g -> g.roleId().equals(admin));
    }

    /** Whether the client holds roles and every one of them only reads. */
    static boolean onlyReadOnlyRoles(SimulatedClient client, OrgContext ctx) {
        return !client.roleDivisions().isEmpty() && client.roleDivisions().stream().allMatch(g -> ctx.roles.stream()
                .filter(role -> role.id().equals(g.roleId())).allMatch(AuthorizationRole::readOnly));
    }
}
