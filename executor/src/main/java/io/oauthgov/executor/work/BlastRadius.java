package io.oauthgov.executor.work;

import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.avro.RejectionReason;
import io.oauthgov.executor.ExecutorLimits;
import io.oauthgov.executor.trust.Verdict;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts deactivations per organization and UTC day — each is the start of a delete — and refuses the one that would
 * go beyond the daily count or the fraction of the organization. Seeded at start from the DEACTIVATED outcomes
 * already committed, so a restart does not reset the day. A slot is reserved before the deactivation intent and
 * given back when the PUT does not happen. Thread-safe.
 */
public final class BlastRadius {
    private final ExecutorLimits limits;
    private final Map<String, Integer> counts = new HashMap<>();

    public BlastRadius(ExecutorLimits limits) {
        this.limits = limits;
    }

    /** An outcome committed by an earlier run (read at start). */
    public synchronized void committed(Outcome outcome) {
        if (outcome.getKind() == OutcomeKind.DEACTIVATED) {
            counts.merge(key(outcome.getOrgId(), outcome.getFinishedAt()), 1, Integer::sum);
        }
    }

    /**
     * Takes a slot for one more deactivation in the org today, or says which limit it would break.
     *
     * @param orgClients how many clients the organization has now
     */
    synchronized Optional<Verdict> reserve(String orgId, int orgClients, Instant now) {
        String key = key(orgId, now);
        int today = counts.getOrDefault(key, 0);
        if (today >= limits.maxDeletionsPerOrgPerDay()) {
            return Optional.of(new Verdict(RejectionReason.LIMIT_DAILY, today + " deactivation(s) in org " + orgId + " today already: the limit is "
                    + limits.maxDeletionsPerOrgPerDay() + " per day"));
        }
        if (today + 1 > limits.maxFractionPerOrg() * orgClients) {
            return Optional.of(new Verdict(RejectionReason.LIMIT_FRACTION, "one more deactivation would make " + (today + 1) + " of the org's "
                    + orgClients + " clients today, above the limit of " + limits.maxFractionPerOrg() * 100 + " %"));
        }
        counts.put(key, today + 1);
        return Optional.empty();
    }

    /** A deactivation already made (found after a restart): counted, never refused — refusing would not undo it. */
    synchronized void counted(String orgId, Instant at) {
        counts.merge(key(orgId, at), 1, Integer::sum);
    }

    /** The reserved deactivation did not happen. */
    synchronized void giveBack(String orgId, Instant reservedAt) {
        counts.computeIfPresent(key(orgId, reservedAt), (k, v) -> v > 1 ? v - 1 : null);
    }

    private static String key(String orgId, Instant at) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        return orgId + "/" + day;
    }
}
