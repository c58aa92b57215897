package io.oauthgov.analyzer.evaluation;

import io.oauthgov.avro.Severity;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the policy concluded about one client at one moment.
 *
 * @param findings the rules that hold, ordered by rule
 * @param lastUsedAt latest evidence of use (usage or audit); null when none was ever seen
 * @param staleSince when the client became (or will become) stale; null when it cannot be known (no use and no
 *                   creation date), which never leads to a candidate
 * @param eligibleAt staleSince plus the grace period; null with staleSince
 * @param candidate whether the client is a deletion candidate now
 * @param candidateNote why it is, or why it is not, a candidate (null when no candidate rule holds and nothing
 *                      needs explaining)
 * @param fingerprint {@code ClientFingerprint.of(snapshot, lastUsedAt)}: what an approval must quote
 * @param severity the composite severity ({@link CompositeSeverity}); null means the highest finding's
 * @param usedDomains the least-privilege suggestion: permission domains of the client's calls in the stale window
 *                    (empty when it holds no roles or made no calls)
 */
public record Verdict(
        List<RuleFinding> findings,
        Instant lastUsedAt,
        Instant staleSince,
        Instant eligibleAt,
        boolean candidate,
        String candidateNote,
        String fingerprint,
        Severity severity,
        List<String> usedDomains) {

    public Verdict {
        findings = findings.stream().sorted(Comparator.comparing(RuleFinding::rule)).toList();
        usedDomains = usedDomains == null ? List.of() : List.copyOf(usedDomains);
    }

    /**
     * Identifies the findings for change detection: rule ids and severities only, so a verdict whose evidence
     * values drift (e.g. one more day of staleness) does not re-alert the SIEM every time it is evaluated.
     */
    public String signature() {
        String rules = findings.stream().map(f -> f.rule().id() + ":" + f.severity()).collect(Collectors.joining(","));
        // only a composite severity that differs from the findings' own says more than the rule list does
        return severity() == highestFinding() ? rules : rules + "=>" + severity();
    }

    /**
     * The findings that condemn the client: those of candidate rules. A deletion candidate quotes exactly these, and
     * a replay of a policy reports the same, so both read them from here.
     */
    public List<RuleFinding> candidateReasons() {
        return findings.stream().filter(f -> f.rule().candidateRule()).toList();
    }

    public Severity severity() {
        return severity != null ? severity : highestFinding();
    }

    private Severity highestFinding() {
        return findings.stream().map(RuleFinding::severity).max(Comparator.naturalOrder()).orElse(Severity.INFORMATIONAL);
    }

    /**
     * 0..100 for OCSF {@code risk_score}: the (composite) severity sets the band, each further finding adds 5 points
     * within it, so two clients of the same severity still rank by how many problems they have.
     */
    public int score() {
        if (findings.isEmpty()) {
            return 0;
        }
        int base = switch (severity()) {
            case INFORMATIONAL -> 10;
            case LOW -> 25;
            case MEDIUM -> 50;
            case HIGH -> 75;
            case CRITICAL -> 90;
        };
        return Math.min(100, base + 5 * (findings.size() - 1));
    }
}
