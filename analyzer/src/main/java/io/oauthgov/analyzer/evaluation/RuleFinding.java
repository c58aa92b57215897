package io.oauthgov.analyzer.evaluation;

import io.oauthgov.analyzer.policy.RuleId;
import io.oauthgov.avro.Finding;
import io.oauthgov.avro.Severity;
import java.util.Map;
import java.util.TreeMap;

/**
 * One rule that holds for one client: why (in words a reviewer understands) and the evidence that made it hold.
 * The evidence map is sorted so the same facts always render the same way.
 */
public record RuleFinding(RuleId rule, String reason, Severity severity, Map<String, String> evidence) {

    public RuleFinding {
        evidence = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(evidence));
    }

    public Finding toAvro() {
        return Finding.newBuilder()
                .setRuleId(rule.id())
                .setTitle(rule.title())
                .setReason(reason)
                .setSeverity(severity)
                .setEvidence(new TreeMap<>(evidence))
                .build();
    }
}
