package io.oauthgov.executor.work;

import io.oauthgov.executor.ExecutorSettings;
import io.oauthgov.executor.control.KillSwitch;
import io.oauthgov.executor.control.ProtectionRegistry;
import io.oauthgov.executor.control.UseEvidence;
import io.oauthgov.executor.trust.ApprovalVerifier;
import java.time.Clock;

/** What both phases consult before a change: the settings, the live registry and kill switch, evidence, limits, intents. */
public record WorkContext(ExecutorSettings settings, ProtectionRegistry protection, KillSwitch killSwitch, UseEvidence use,
                          BlastRadius blastRadius, Intents intents, Clock clock) {

    ApprovalVerifier verifier() {
        return new ApprovalVerifier(settings.trust(), settings.expiryRule());
    }
}
