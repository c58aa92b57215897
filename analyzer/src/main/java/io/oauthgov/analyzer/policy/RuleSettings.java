package io.oauthgov.analyzer.policy;

import io.oauthgov.avro.Severity;
import java.util.Objects;

/** Whether a rule is on and how severe its findings are. */
public record RuleSettings(boolean enabled, Severity severity) {
    public RuleSettings {
        Objects.requireNonNull(severity, "severity");
    }
}
