package io.oauthgov.simulator.generator;

import io.oauthgov.simulator.model.AuthorizationRole;
import io.oauthgov.simulator.model.Division;
import io.oauthgov.simulator.model.EntityRef;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Per-organization reference data the client factory draws from: people, roles, divisions, the anchor. */
final class OrgContext {
    final String orgId;
    final String name;
    final String region;
    final String domain;
    final Instant anchor;
    final List<EntityRef> users = new ArrayList<>();
    final List<AuthorizationRole> roles = new ArrayList<>();
    final List<Division> divisions = new ArrayList<>();
    /** The Genesys admin UI's own OAuth client: what audit entries name when a person changed something. */
    final String adminUiClientId;

    OrgContext(int index, Instant anchor, SeededRandom random) {
        this.orgId = random.uuid();
        List<String> region = NameBank.REGIONS.get(index % NameBank.REGIONS.size());
        this.name = NameBank.ORG_NAMES.get(index % NameBank.ORG_NAMES.size())
                + (index >= NameBank.ORG_NAMES.size() ? " " + (index + 1) : "");
        this.region = region.get(0);
        this.domain = region.get(1);
        this.anchor = anchor;
        for (int i = 0; i < 12; i++) {
            users.add(new EntityRef(random.uuid(), random.pick(NameBank.FIRST_NAMES) + " "
                    + random.pick(NameBank.LAST_NAMES)));
        }
        RoleCatalog.TEMPLATES.forEach(t -> roles.add(t.build(random.uuid(), random.between(0, 40))));
        for (int i = 0; i < NameBank.DIVISION_NAMES.size(); i++) {
            String division = NameBank.DIVISION_NAMES.get(i);
            divisions.add(new Division(random.uuid(), division, i == 0 ? "The home division" : null, i == 0));
        }
        this.adminUiClientId = random.uuid();
    }

    /** A moment {@code days} days before the anchor, at a seeded time of day (never after the anchor). */
    Instant daysAgo(int days, SeededRandom random) {
        return anchor.minus(days, ChronoUnit.DAYS).minusSeconds(random.between(0, 86_399));
    }

    LocalDate anchorDay() {
        return anchor.atZone(ZoneOffset.UTC).toLocalDate();
    }

    AuthorizationRole role(String name) {
        return roles.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no role " + name + " in the catalog"));
    }

    Division homeDivision() {
        return divisions.get(0);
    }
}
