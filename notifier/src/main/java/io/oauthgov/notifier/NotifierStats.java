package io.oauthgov.notifier;

import java.time.Instant;
import java.util.List;

/**
 * What the notifier has done since it started.
 *
 * @param digestsSent digests that reached someone (owner, escalation or fallback)
 * @param noticesPublished notices committed to {@code governance.notices} (one per candidate of each digest sent)
 * @param viaFallback digests that went to an escalation or fallback contact instead of the owner
 * @param failures deliveries that failed for good (each also a {@code governance.rejected} record)
 * @param undeliverable candidates nobody could be told about (no owner contact, no fallback)
 * @param pending candidates not yet told to anyone
 * @param caughtUp whether the initial read of candidates, registry and notices is done
 * @param sent every digest that reached someone, in order
 */
public record NotifierStats(long digestsSent, long noticesPublished, long viaFallback, long failures, long undeliverable,
                            long pending, boolean caughtUp, List<Sent> sent) {

    /** One digest that reached someone: what the demo report shows as "who was told what and when". */
    public record Sent(String digestId, String recipient, String owner, boolean viaFallback, List<String> channels,
                       List<String> candidateIds, List<String> clients, Instant sentAt, String subject) {}
}
