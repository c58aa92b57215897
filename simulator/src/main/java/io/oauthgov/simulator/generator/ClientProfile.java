package io.oauthgov.simulator.generator;

import io.oauthgov.simulator.model.ClientState;
import io.oauthgov.simulator.model.GrantType;
import java.util.List;

/**
 * The shape of one generated client before it becomes data: ages in days before the anchor.
 *
 * @param lastUseAgo days since the last use, or null when the client was never used
 * @param usageSpanDays how far back from the last use usage rows go
 * @param usageDensity share of days in that span with any use
 * @param highRiskScopes a user-facing grant also gets a high-risk scope
 * @param access what the client calls, and so which role covers it
 * @param masterAdmin a client-credentials client that holds Master Admin instead of its profile's role
 */
record ClientProfile(GrantType grant, ClientState state, int createdAgo, int modifiedAgo, Integer lastUseAgo,
        int usageSpanDays, double usageDensity, boolean highRiskScopes, AccessProfile access, boolean masterAdmin) {

    /** Machine grants a stale-looking client gets: what a cleanup policy targets. */
    static GrantType machineGrant(SeededRandom random) {
        return random.chance(0.8) ? GrantType.CLIENT_CREDENTIALS : GrantType.PASSWORD;
    }

    /**
     * Days since the last use of a client in use, spread the way real orgs spread it: most were used in the last
     * days, fewer weeks ago, some months ago, continuously up to 170 days (below the default 180-day stale window
     * with a margin), so a shorter what-if window finds clients the default keeps.
     */
    static int lastUseOfClientInUse(SeededRandom r) {
        if (r.chance(0.55)) {
            return r.between(0, 6);
        }
        return r.chance(0.55) ? r.between(7, 59) : r.between(60, 170);
    }

    static ClientProfile forCategory(Category category, SeededRandom r) {
        AccessProfile access = r.pick(AccessProfile.INTEGRATIONS);
        return switch (category) {
            case STALE_UNUSED, PROTECTED, CHANGES_MID_RUN, VANISHES_MID_RUN -> staleLooking(r, access, false);
            case PRIVILEGED_STALE -> staleLooking(r, access, true);
            case OLD_METADATA_BUT_USED -> {
                int created = r.between(900, 2500);
                yield new ClientProfile(GrantType.CLIENT_CREDENTIALS, ClientState.ACTIVE, created,
                        r.between(730, created), r.between(0, 6), 120, 0.7, false, access, false);
            }
            case RECENTLY_CREATED -> {
                int created = r.between(1, 25);
                Integer lastUse = r.chance(0.5) ? null : r.between(0, created);
                yield new ClientProfile(GrantType.CLIENT_CREDENTIALS, ClientState.ACTIVE, created,
                        r.between(0, created), lastUse, created, 0.6, false, access, false);
            }
            case USER_FACING_GRANT -> {
                int created = r.between(300, 2500);
                GrantType grant = r.pick(List.of(GrantType.CODE, GrantType.TOKEN, GrantType.SAML2_BEARER));
                yield new ClientProfile(grant, ClientState.ACTIVE, created, r.between(200, created), null, 0, 0,
                        false, access, false);
            }
            case DISABLED_LONG_AGO -> {
                int created = r.between(600, 2500);
                int modified = r.between(365, created);
                Integer lastUse = r.chance(0.5) ? null : r.between(modified, created);
                ClientState state = r.chance(0.7) ? ClientState.DISABLED : ClientState.INACTIVE;
                yield new ClientProfile(machineGrant(r), state, created, modified, lastUse, 60, 0.4, false, access,
                        false);
            }
            case HIGH_RISK_SCOPES -> {
                // scopes matter only on user-facing grants, so the risky-scope client is one of those
                int created = r.between(100, 2000);
                GrantType grant = r.pick(List.of(GrantType.CODE, GrantType.TOKEN, GrantType.PASSWORD));
                yield new ClientProfile(grant, ClientState.ACTIVE, created, r.between(30, created),
                        r.between(0, 20), 120, 0.5, true, access, false);
            }
            case TOKEN_ONLY_USE -> {
                // looks stale on every count but the audit log: old, untouched for months, no usage rows;
                // its token grants are written by EvidenceWriter.writeTokenGrants
                int created = r.between(400, 2500);
                yield new ClientProfile(GrantType.CLIENT_CREDENTIALS, ClientState.ACTIVE, created,
                        r.between(200, created), null, 0, 0, false, access, false);
            }
            case OVERPRIVILEGED_ACTIVE -> inUse(r, GrantType.CLIENT_CREDENTIALS, r.pick(AccessProfile.READ_ONLY),
                    true, r.between(0, 20));
            case READ_ONLY_ACTIVE -> inUse(r, GrantType.CLIENT_CREDENTIALS, r.pick(AccessProfile.READ_ONLY), false,
                    lastUseOfClientInUse(r));
            case ACTIVE_IN_USE -> inUse(r, r.chance(0.9) ? GrantType.CLIENT_CREDENTIALS : GrantType.PASSWORD, access,
                    false, lastUseOfClientInUse(r));
        };
    }

    private static ClientProfile inUse(SeededRandom r, GrantType grant, AccessProfile access, boolean masterAdmin,
            int lastUse) {
        int created = r.between(Math.max(60, lastUse + 1), 2000);
        return new ClientProfile(grant, ClientState.ACTIVE, created, r.between(0, created), lastUse, 120, 0.5, false,
                access, masterAdmin);
    }

    /** Old, active, machine grant, no use for at least 200 days (many never used at all). */
    private static ClientProfile staleLooking(SeededRandom r, AccessProfile access, boolean masterAdmin) {
        int created = r.between(400, 2500);
        Integer lastUse = r.chance(0.4) ? null : r.between(200, Math.min(created, 900));
        GrantType grant = masterAdmin ? GrantType.CLIENT_CREDENTIALS : machineGrant(r);
        return new ClientProfile(grant, ClientState.ACTIVE, created, r.between(200, created), lastUse, 90, 0.3,
                false, access, masterAdmin);
    }
}
