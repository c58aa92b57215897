package io.oauthgov.analyzer.evaluation;

import io.oauthgov.analyzer.policy.RuleId;
import io.oauthgov.avro.Severity;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One severity per client that ranks what to fix first, from the findings together rather than the worst alone
 * (documented in {@code policy.yaml}):
 * <ol>
 *   <li>unused (a candidate rule holds) <em>and</em> powerful ({@code admin-role} or {@code identity-admin}):
 *       CRITICAL — a forgotten client that can do anything is the breach waiting to happen;
 *   <li>a read-only client (holds roles, none with a write permission) whose only finding is {@code unowned}:
 *       INFORMATIONAL — worth an owner, not an alarm;
 *   <li>otherwise the highest severity among the findings.
 * </ol>
 */
final class CompositeSeverity {
    private static final Set<RuleId> POWERFUL = Set.of(RuleId.ADMIN_ROLE, RuleId.IDENTITY_ADMIN);

    private CompositeSeverity() {}

    static Severity of(List<RuleFinding> findings, boolean readOnly) {
        boolean unused = findings.stream().anyMatch(f -> f.rule().candidateRule());
        boolean powerful = findings.stream().anyMatch(f -> POWERFUL.contains(f.rule()));
        if (unused && powerful) {
            return Severity.CRITICAL;
        }
        if (readOnly && !findings.isEmpty() && findings.stream().allMatch(f -> f.rule() == RuleId.UNOWNED)) {
            return Severity.INFORMATIONAL;
        }
        return findings.stream().map(RuleFinding::severity).max(Comparator.naturalOrder()).orElse(Severity.INFORMATIONAL);
    }
}
