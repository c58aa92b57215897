package io.oauthgov.executor.work;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.avro.RiskEvent;
import io.oauthgov.executor.kafka.Refusal;

/**
 * What one piece of work decided, to be published in one transaction: the outcome (null when the approval was
 * refused instead), the change to the client's quarantine entry (a new entry, its end, or neither), for a restore
 * the risk event that tells the SIEM why, and a refusal when the approval no longer verified or hit a limit.
 */
public record Step(Outcome outcome, QuarantineChange quarantine, QuarantineEntry started, RiskEvent risk, Refusal refusal) {

    public enum QuarantineChange { NONE, START, END }

    public Step {
        if (outcome == null && refusal == null) {
            throw new IllegalArgumentException("a step has an outcome, a refusal or both");
        }
    }

    public static Step of(Outcome outcome) {
        return new Step(outcome, QuarantineChange.NONE, null, null, null);
    }

    public static Step quarantined(Outcome outcome, QuarantineEntry entry) {
        return new Step(outcome, QuarantineChange.START, entry, null, null);
    }

    public static Step released(Outcome outcome, RiskEvent risk) {
        return new Step(outcome, QuarantineChange.END, null, risk, null);
    }

    public static Step refused(Refusal refusal) {
        return new Step(null, QuarantineChange.NONE, null, null, refusal);
    }

    /** The same step, also ending the client's quarantine entry (an intent recorded before a change that did not happen). */
    public Step endingEntry() {
        return quarantine == QuarantineChange.START ? this : new Step(outcome, QuarantineChange.END, started, risk, refusal);
    }

    public Step withRefusal(Refusal value) {
        return new Step(outcome, quarantine, started, risk, value);
    }

    public ClientKey clientKey() {
        return outcome != null ? new ClientKey(outcome.getOrgId(), outcome.getClientId()) : refusal.key();
    }
}
