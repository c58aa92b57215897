package io.oauthgov.analyzer.gate;

import io.oauthgov.avro.RejectionReason;

/**
 * The gate's answer: pass (with the executor identity that will act, for APPROVE decisions) or a refusal reason
 * with a detail a human can act on.
 */
public record GateDecision(RejectionReason refusal, String detail, String identityId) {

    public static GateDecision pass(String identityId) {
        return new GateDecision(null, "passed", identityId);
    }

    public static GateDecision refuse(RejectionReason reason, String detail) {
        return new GateDecision(reason, detail, null);
    }

    public boolean passed() {
        return refusal == null;
    }
}
