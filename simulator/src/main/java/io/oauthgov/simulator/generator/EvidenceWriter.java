package io.oauthgov.simulator.generator;

import io.oauthgov.simulator.model.AuditEntry;
import io.oauthgov.simulator.model.EntityRef;
import io.oauthgov.simulator.model.Organization;
import io.oauthgov.simulator.model.ServiceMapping;
import io.oauthgov.simulator.model.SimulatedClient;
import io.oauthgov.simulator.model.TokenGrant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the usage rows and audit entries that match a client's profile, so the evidence a collector gathers
 * agrees with the ground truth: no use inside the stale window means no usage row and no audit entry there.
 */
final class EvidenceWriter {

    private EvidenceWriter() {
    }

    /** Usage and "made a change" audit entries; returns the last day of use, or null. */
    static LocalDate writeUsage(Organization org, SimulatedClient client, ClientProfile profile, OrgContext ctx,
            SeededRandom r) {
        if (profile.lastUseAgo() == null) {
            return null;
        }
        // a profile's calls, not a random mix: usage rows must tell the same story as the client's role
        List<AccessProfile.Endpoint> endpoints = profile.access().endpoints();
        List<LocalDate> usedDays = new ArrayList<>();
        int oldest = Math.min(profile.createdAgo(), profile.lastUseAgo() + profile.usageSpanDays());
        for (int ago = profile.lastUseAgo(); ago <= oldest; ago++) {
            if (ago != profile.lastUseAgo() && !r.chance(profile.usageDensity())) {
                continue;
            }
            LocalDate day = ctx.anchorDay().minusDays(ago);
            usedDays.add(day);
            AccessProfile.Endpoint endpoint = r.pick(endpoints);
            org.recordHistoricUsage(client.id(), client.name(), day, endpoint.templateUri(), endpoint.httpMethod(),
                    200, r.between(1, 2000));
            if (r.chance(0.2)) {
                org.recordHistoricUsage(client.id(), client.name(), day, endpoint.templateUri(),
                        endpoint.httpMethod(), 400, r.between(1, 20));
            }
            if (r.chance(0.05)) {
                org.recordHistoricUsage(client.id(), client.name(), day, endpoint.templateUri(),
                        endpoint.httpMethod(), 429, r.between(1, 50));
            }
        }
        // The most recent day always carries an audit entry, so audit evidence agrees with usage evidence.
        writeChangeMadeBy(org, client, usedDays.get(0), ctx, r);
        for (int i = 0; i < 2 && usedDays.size() > 1; i++) {
            writeChangeMadeBy(org, client, r.pick(usedDays), ctx, r);
        }
        return usedDays.get(0);
    }

    private static void writeChangeMadeBy(Organization org, SimulatedClient client, LocalDate day, OrgContext ctx,
            SeededRandom r) {
        boolean user = r.chance(0.5);
        EntityRef entity = user ? r.pick(ctx.users) : new EntityRef(r.uuid(), "Queue " + r.between(1, 40));
        java.time.Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(r.between(0, 86_399));
        if (at.isAfter(ctx.anchor)) {
            at = ctx.anchor;
        }
        org.addAudit(new AuditEntry(r.uuid(), at,
                null, client.id(), user ? ServiceMapping.DIRECTORY : ServiceMapping.ROUTING, "Update",
                user ? "User" : "Queue", entity, "SYSTEM", "SUCCESS", "10.20." + r.between(0, 255) + ".7",
                List.of()));
    }

    /**
     * Token grants within the last few days and nothing else: a client that only obtains tokens (a health check,
     * a token broker) or whose calls the day-old usage API has not shown yet. At least one grant is a full day
     * old, so a collector that lets the newest audit entries settle still reads one. Returns the last grant's day.
     */
    static LocalDate writeTokenGrants(Organization org, SimulatedClient client, OrgContext ctx, SeededRandom r) {
        int grants = r.between(2, 6);
        java.time.Instant last = null;
        for (int i = 0; i < grants; i++) {
            java.time.Instant at = ctx.daysAgo(i == 0 ? r.between(1, 4) : r.between(0, 5), r);
            org.addAudit(TokenGrant.entry(r.uuid(), at, client.id(), r.uuid(), true,
                    "10.40." + r.between(0, 255) + "." + r.between(1, 254)));
            last = last == null || at.isAfter(last) ? at : last;
        }
        return last.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Who created and last modified the client: audit entries whose entity is the client. */
    static void writeLifecycle(Organization org, SimulatedClient client, OrgContext ctx, SeededRandom r) {
        EntityRef entity = new EntityRef(client.id(), client.name());
        org.addAudit(new AuditEntry(r.uuid(), client.dateCreated(), client.createdBy(), ctx.adminUiClientId,
                ServiceMapping.PEOPLE_PERMISSIONS, "Create", "OAuthClient", entity, "USER", "SUCCESS",
                "192.168.1." + r.between(2, 250), List.of()));
        if (client.dateModified().isAfter(client.dateCreated())) {
            List<AuditEntry.PropertyChange> changes = switch (client.state()) {
                case ACTIVE -> List.of(new AuditEntry.PropertyChange("description", List.of(), List.of("updated")));
                default -> List.of(new AuditEntry.PropertyChange("state", List.of("active"),
                        List.of(client.state().wireName())));
            };
            org.addAudit(new AuditEntry(r.uuid(), client.dateModified(), client.modifiedBy(), ctx.adminUiClientId,
                    ServiceMapping.PEOPLE_PERMISSIONS, "Update", "OAuthClient", entity, "USER", "SUCCESS",
                    "192.168.1." + r.between(2, 250), changes));
        }
    }
}
