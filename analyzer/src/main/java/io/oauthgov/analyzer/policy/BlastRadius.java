package io.oauthgov.analyzer.policy;

/**
 * How much one organization may lose, enforced at the gate and again by the executor: at most
 * {@code maxDeletionsPerOrgPerDay} approved deletions and at most {@code maxFractionPerOrg} of the org's clients in
 * any rolling 24 h; and when one collection turns more than {@code surgeFraction} of the org's clients into new
 * candidates, those are held until a person confirms the surge or the next collection agrees. A mass mistake
 * upstream (a partial listing, lost evidence) then costs at most a bounded, visible number of deletions.
 */
public record BlastRadius(int maxDeletionsPerOrgPerDay, double maxFractionPerOrg, double surgeFraction) {
    public static final BlastRadius DEFAULT = new BlastRadius(50, 0.10, 0.05);

    public BlastRadius {
        if (maxDeletionsPerOrgPerDay < 0) {
            throw new IllegalArgumentException("maxDeletionsPerOrgPerDay must not be negative");
        }
        if (!(maxFractionPerOrg >= 0 && maxFractionPerOrg <= 1) || !(surgeFraction >= 0 && surgeFraction <= 1)) {
            throw new IllegalArgumentException("fractions must be between 0 and 1");
        }
    }

    /** Deletions the fraction limit allows in 24 h for an org of {@code clients} clients (at least one: a 1-client org is not frozen). */
    public long fractionAllowance(long clients) {
        return Math.max(1, (long) Math.floor(maxFractionPerOrg * clients));
    }

    /** New candidates of one collection above which the surge brake holds them. */
    public long surgeThreshold(long clients) {
        return (long) Math.floor(surgeFraction * clients);
    }
}
