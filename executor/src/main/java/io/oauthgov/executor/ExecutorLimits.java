package io.oauthgov.executor;

/**
 * The blast-radius limits the executor applies itself, a second line behind the approval gate: at most
 * {@code maxDeletionsPerOrgPerDay} deactivations (each the start of a delete) per organization per UTC day, and at
 * most {@code maxFractionPerOrg} of the organization's clients in one day. The policy's
 * {@code limits.maxDeletionsPerOrgPerDay} / {@code limits.maxFractionPerOrg} are the source; {@code oauthgov execute}
 * fills this from them (or its flags), the defaults are the policy's.
 */
public record ExecutorLimits(int maxDeletionsPerOrgPerDay, double maxFractionPerOrg) {
    public static final int DEFAULT_MAX_PER_DAY = 50;
    public static final double DEFAULT_MAX_FRACTION = 0.10;

    public ExecutorLimits {
        if (maxDeletionsPerOrgPerDay < 0 || !(maxFractionPerOrg >= 0 && maxFractionPerOrg <= 1)) {
            throw new IllegalArgumentException("maxDeletionsPerOrgPerDay must not be negative and maxFractionPerOrg must be within [0, 1]");
        }
    }

    public static ExecutorLimits defaults() {
        return new ExecutorLimits(DEFAULT_MAX_PER_DAY, DEFAULT_MAX_FRACTION);
    }
}
