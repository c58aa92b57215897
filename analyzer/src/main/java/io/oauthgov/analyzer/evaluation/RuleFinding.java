package io.oauthgov.analyzer.evaluation;

import io.oauthgov.analyzer.policy.RuleId;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.Severity;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One rule that holds for one client: why (in words a reviewer understands) and the evidence that made it hold.
 * The evidence map is sorted so the same facts always render the same way.
 *
 * <p>Rule and severity are all that change detection needs ({@link Verdict#signature()}); reason and evidence are
 * built only when asked for, which is when the finding is emitted.
 */
public final class RuleFinding {
    private final RuleId rule;
    private final Severity severity;
    private final Lazy<String> reason;
    private final Lazy<SortedMap<String, String>> evidence;

    public RuleFinding(RuleId rule, String reason, Severity severity, Map<String, String> evidence) {
        this(rule, severity, () -> reason, () -> evidence);
    }

    /** A finding whose words and evidence are built on first use. */
    RuleFinding(RuleId rule, Severity severity, Supplier<String> reason, Supplier<? extends Map<String, String>> evidence) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.severity = severity;
        this.reason = Lazy.of(reason);
        this.evidence = Lazy.of(() -> java.util.Collections.unmodifiableSortedMap(new TreeMap<>(evidence.get())));
    }

    public RuleId rule() {
        return rule;
    }

    public Severity severity() {
        return severity;
    }

    public String reason() {
        return reason.get();
    }

    public Map<String, String> evidence() {
        return evidence.get();
    }

    public Finding toAvro() {
        return Finding.newBuilder()
                .setRuleId(rule.id())
                .setTitle(rule.title())
                .setReason(reason())
                .setSeverity(severity)
                .setEvidence(new TreeMap<>(evidence()))
                .build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RuleFinding that && rule == that.rule && severity == that.severity
                && Objects.equals(reason(), that.reason()) && evidence().equals(that.evidence());
    }

    @Override
    public int hashCode() {
        return Objects.hash(rule, severity, reason(), evidence());
    }

    @Override
    public String toString() {
        return "RuleFinding[rule=" + rule + ", reason=" + reason() + ", severity=" + severity + ", evidence=" + evidence() + "]";
    }
}
