package io.oauthgov.simulator.generator;

/**
 * The primary ground-truth category of a generated client: what a correct governance pipeline should conclude.
 * Evidence (usage rows, audit entries) is generated to match; dates and state alone are deliberately misleading
 * for some categories.
 */
public enum Category {
    /** Machine grant (CLIENT-CREDENTIALS or PASSWORD), active, old, no use in the last 180 days: delete. */
    STALE_UNUSED(true, "DELETED"),
    /** dateModified years ago but used within the last week: the trap for metadata-only tools. */
    OLD_METADATA_BUT_USED(false, null),
    /** Created within the last 30 days. */
    RECENTLY_CREATED(false, null),
    /** Listed as protected in the integration registry; old and unused, so it looks stale. */
    PROTECTED(false, null),
    /** CODE, TOKEN or SAML2-BEARER grant, unused as machine traffic: not a deletion candidate. */
    USER_FACING_GRANT(false, null),
    /** Machine grant, disabled or inactive, modified long ago and unused since: delete. */
    DISABLED_LONG_AGO(true, "DELETED"),
    /**
     * A user-facing grant (CODE, TOKEN or PASSWORD: scopes belong to those) in use, with admin / wildcard-like /
     * write scopes: a risk to report, not a deletion candidate.
     */
    HIGH_RISK_SCOPES(false, null),
    /** Normal client in regular use. */
    ACTIVE_IN_USE(false, null),
    /** Looks stale; changed (new scope, used again) by a script while a run is in progress. */
    CHANGES_MID_RUN(true, "CONFLICT_SKIPPED"),
    /** Looks stale; deleted by a script while a run is in progress. */
    VANISHES_MID_RUN(true, "ALREADY_ABSENT"),
    /**
     * Old metadata and no usage rows at all, but recent access-token grants in the audit log (service
     * PeoplePermissions, entity type AccessToken): the usage API lags about a day and misses clients that only
     * obtain tokens, so only a pipeline that reads token grants as use keeps it.
     */
    TOKEN_ONLY_USE(false, null),
    /**
     * Client credentials holding Master Admin (on every division or the home division), old and unused for at
     * least 200 days: the most dangerous forgotten client. A CRITICAL deletion candidate.
     */
    PRIVILEGED_STALE(true, "DELETED"),
    /**
     * Client credentials holding Master Admin, in use, but its usage shows only reads: a risk (admin role, unused
     * write permissions) whose fix is a smaller role, never a deletion candidate.
     */
    OVERPRIVILEGED_ACTIVE(false, null),
    /** Client credentials with a read-only custom role, in use for reads only: nothing privileged to report. */
    READ_ONLY_ACTIVE(false, null);

    private final boolean candidate;
    private final String expectedOutcome;

    Category(boolean candidate, String expectedOutcome) {
        this.candidate = candidate;
        this.expectedOutcome = expectedOutcome;
    }

    /** Whether a correct analyzer proposes this client for deletion (from the first snapshot of a run). */
    public boolean candidate() {
        return candidate;
    }

    /** The executor outcome a correct pipeline reaches when the deletion is approved; null for non-candidates. */
    public String expectedOutcome() {
        return expectedOutcome;
    }
}
