package io.oauthgov.executor.work;

import io.oauthgov.avro.ClientKey;
import io.oauthgov.avro.Outcome;
import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.avro.RiskEvent;

/**
 * What one piece of work decided, to be published in one transaction: the outcome, the change to the client's
 * quarantine (a new entry, its end, or neither) and, for a restore, the risk event that tells the SIEM why.
 */
public record Step(Outcome outcome, QuarantineChange quarantine, QuarantineEntry started, RiskEvent risk) {

    public enum QuarantineChange { NONE, START, END }

    public static Step of(Outcome outcome) {
        return new Step(outcome, QuarantineChange.NONE, null, null);
    }

    public static Step quarantined(Outcome outcome, QuarantineEntry entry) {
        return new Step(outcome, QuarantineChange.START, entry, null);
    }

    public static Step released(Outcome outcome, RiskEvent risk) {
        return new Step(outcome, QuarantineChange.END, null, risk);
    }

    public ClientKey clientKey() {
        return new ClientKey(outcome.getOrgId(), outcome.getClientId());
    }
}
