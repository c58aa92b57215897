package io.oauthgov.cli;

import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.analyzer.policy.PolicyLoader;
import java.time.Duration;

/**
 * How long {@code execute} quarantines: the policy's {@code quarantineDays}, or an override held to the same bounds
 * as the policy ({@value PolicyLoader#MIN_QUARANTINE_DAYS} to {@value PolicyLoader#MAX_QUARANTINE_DAYS} days) — a
 * quarantine is the owner's only chance to notice before the irreversible delete, so a typo must not shorten it. A
 * shorter one, for trying it out against the simulator and for tests, needs the explicit {@code --allow-short-quarantine}.
 */
final class QuarantineOption {
    static final Duration MIN = Duration.ofDays(PolicyLoader.MIN_QUARANTINE_DAYS);
    static final Duration MAX = Duration.ofDays(PolicyLoader.MAX_QUARANTINE_DAYS);

    private QuarantineOption() {}

    static Duration resolve(String override, boolean allowShort, Policy policy) {
        if (override == null) {
            return policy.quarantine();
        }
        // 0s too: the bounds below say why not
        return within(TimeArguments.duration(override, "--quarantine", true), "--quarantine " + override, allowShort, policy);
    }

    /** @param origin how the user wrote it, for the message ({@code --quarantine 30s}, {@code executor.quarantine 30s}) */
    static Duration within(Duration quarantine, String origin, boolean allowShort, Policy policy) {
        String override = origin.substring(origin.indexOf(' ') + 1);
        if (quarantine.compareTo(MAX) > 0) {
            throw new UserError(origin + " is longer than the policy allows (at most " + MAX.toDays() + "d)",
                    "e.g. --quarantine 14d, or leave it out for the policy's " + policy.quarantine().toDays() + "d");
        }
        if (quarantine.compareTo(MIN) < 0 && !allowShort) {
            throw new UserError(origin + " is shorter than the policy allows (at least " + MIN.toDays() + "d): "
                    + "the quarantine is the owner's chance to notice before the delete",
                    "to try it out against the simulator, add --allow-short-quarantine (e.g. --quarantine 30s --allow-short-quarantine)");
        }
        return quarantine;
    }
}
