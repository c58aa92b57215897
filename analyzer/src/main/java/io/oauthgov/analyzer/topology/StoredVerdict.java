package io.oauthgov.analyzer.topology;

import java.time.Instant;

/**
 * The last verdict the evaluator emitted for a client: enough to decide whether a new verdict is a change worth an
 * event, and what the approval gate must compare against.
 *
 * @param signature rule ids and severities of the last emitted findings ("" when none)
 * @param hadFindings whether the last emitted risk state had findings (a later empty verdict is then RESOLVED)
 * @param candidate the live candidate, null when none
 * @param snoozedUntil end of the snooze after a REJECT decision, null when not snoozed
 */
record StoredVerdict(String signature, boolean hadFindings, CandidateState candidate, Instant snoozedUntil) {

    /**
     * A proposed candidate: its id, the fingerprint approvals must quote, when it was proposed, the collection
     * whose evidence coverage it stood on (what the surge brake counts; null in state written before coverage), and
     * when the notifier told its owner about it (null until then: approvals wait for the notice period).
     */
    record CandidateState(String candidateId, String fingerprint, Instant proposedAt, String collectionId, Instant noticedAt) {

        CandidateState noticed(Instant at) {
            return new CandidateState(candidateId, fingerprint, proposedAt, collectionId, at);
        }
    }
}
