package io.oauthgov.simulator.generator;

import io.oauthgov.simulator.model.ClientState;
import io.oauthgov.simulator.model.GrantType;

/**
 * The shape of one generated client before it becomes data: ages in days before the anchor.
 *
 * @param lastUseAgo days since the last use, or null when the client was never used
 * @param usageSpanDays how far back from the last use usage rows go
 * @param usageDensity share of days in that span with any use
 */
record ClientProfile(GrantType grant, ClientState state, int createdAgo, int modifiedAgo, Integer lastUseAgo,
        int usageSpanDays, double usageDensity, boolean highRiskScopes) {

    /** Machine grants a stale-looking client gets: what a cleanup policy targets. */
    static GrantType machineGrant(SeededRandom random) {
        return random.chance(0.8) ? GrantType.CLIENT_CREDENTIALS : GrantType.PASSWORD;
    }

    static ClientProfile forCategory(Category category, SeededRandom r) {
        return switch (category) {
            case STALE_UNUSED, PROTECTED, CHANGES_MID_RUN, VANISHES_MID_RUN -> staleLooking(r,
                    category == Category.STALE_UNUSED && r.chance(0.2));
            case OLD_METADATA_BUT_USED -> {
                int created = r.between(900, 2500);
                yield new ClientProfile(GrantType.CLIENT_CREDENTIALS, ClientState.ACTIVE, created,
                        r.between(730, created), r.between(0, 6), 120, 0.7, false);
            }
            case RECENTLY_CREATED -> {
                int created = r.between(1, 25);
                Integer lastUse = r.chance(0.5) ? null : r.between(0, created);
                yield new ClientProfile(GrantType.CLIENT_CREDENTIALS, ClientState.ACTIVE, created,
                        r.between(0, created), lastUse, created, 0.6, false);
            }
            case USER_FACING_GRANT -> {
                int created = r.between(300, 2500);
                GrantType grant = r.pick(java.util.List.of(GrantType.CODE, GrantType.TOKEN, GrantType.SAML2_BEARER));
                yield new ClientProfile(grant, ClientState.ACTIVE, created, r.between(200, created), null, 0, 0,
                        false);
            }
            case DISABLED_LONG_AGO -> {
                int created = r.between(600, 2500);
                int modified = r.between(365, created);
                Integer lastUse = r.chance(0.5) ? null : r.between(modified, created);
                ClientState state = r.chance(0.7) ? ClientState.DISABLED : ClientState.INACTIVE;
                yield new ClientProfile(machineGrant(r), state, created, modified, lastUse, 60, 0.4, false);
            }
            case HIGH_RISK_SCOPES -> {
                int created = r.between(100, 2000);
                yield new ClientProfile(GrantType.CLIENT_CREDENTIALS, ClientState.ACTIVE, created,
                        r.between(30, created), r.between(0, 20), 120, 0.5, true);
            }
            case TOKEN_ONLY_USE -> {
                // looks stale on every count but the audit log: old, untouched for months, no usage rows;
                // its token grants are written by EvidenceWriter.writeTokenGrants
                int created = r.between(400, 2500);
                yield new ClientProfile(GrantType.CLIENT_CREDENTIALS, ClientState.ACTIVE, created,
                        r.between(200, created), null, 0, 0, false);
            }
            case ACTIVE_IN_USE -> {
                int created = r.between(60, 2000);
                GrantType grant = r.chance(0.9) ? GrantType.CLIENT_CREDENTIALS : GrantType.PASSWORD;
                yield new ClientProfile(grant, ClientState.ACTIVE, created, r.between(0, created),
                        r.between(0, 20), 120, 0.5, false);
            }
        };
    }

    /** Old, active, machine grant, no use for at least 200 days (many never used at all). */
    private static ClientProfile staleLooking(SeededRandom r, boolean highRisk) {
        int created = r.between(400, 2500);
        Integer lastUse = r.chance(0.4) ? null : r.between(200, Math.min(created, 900));
        return new ClientProfile(machineGrant(r), ClientState.ACTIVE, created, r.between(200, created), lastUse, 90,
                0.3, highRisk);
    }
}
