package io.oauthgov.simulator.generator;

import io.oauthgov.simulator.model.EntityRef;
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
        List<String> roleIds = roles(profile, ctx, r);
        SimulatedClient client = new SimulatedClient(r.uuid(), name, description(r),
                r.chance(0.8) ? 86_400 : r.pick(List.of(3_600L, 43_200L, 172_800L)),
                redirectUris(profile, system, r), secret, roleIds, roleDivisions(roleIds, ctx, r), created, modified,
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

    private static List<String> scopes(ClientProfile profile, SeededRandom r) {
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

    private static List<String> roles(ClientProfile profile, OrgContext ctx, SeededRandom r) {
        Set<String> roleIds = new LinkedHashSet<>();
        if (profile.highRiskScopes()) {
            roleIds.add(ctx.masterAdminRole().id());
        }
        int count = r.between(1, 3);
        for (int i = 0; i < count; i++) {
            // index 0 is Master Admin: only high-risk clients get it
            roleIds.add(ctx.roles.get(r.between(1, ctx.roles.size() - 1)).id());
        }
        return new ArrayList<>(roleIds);
    }

    private static List<RoleDivision> roleDivisions(List<String> roleIds, OrgContext ctx, SeededRandom r) {
        List<RoleDivision> divisions = new ArrayList<>();
        for (String roleId : roleIds) {
            divisions.add(new RoleDivision(roleId, ctx.divisionIds.get(0)));
            if (r.chance(0.25)) {
                divisions.add(new RoleDivision(roleId, r.pick(ctx.divisionIds.subList(1, ctx.divisionIds.size()))));
            }
        }
        return divisions;
    }

    static boolean hasHighRiskScope(SimulatedClient client) {
        return client.scope().stream().anyMatch(NameBank.HIGH_RISK_SCOPES::contains);
    }
}
