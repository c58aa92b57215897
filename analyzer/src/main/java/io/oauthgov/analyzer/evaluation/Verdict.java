package io.oauthgov.analyzer.evaluation;

import io.oauthgov.avro.Severity;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
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
public final class Verdict {
    private final List<RuleFinding> findings;
    private final Instant lastUsedAt;
    private final Instant staleSince;
    private final Instant eligibleAt;
    private final boolean candidate;
    private final Lazy<String> candidateNote;
    private final Lazy<String> fingerprint;
    private final Severity severity;
    private final List<String> usedDomains;

    public Verdict(List<RuleFinding> findings, Instant lastUsedAt, Instant staleSince, Instant eligibleAt, boolean candidate,
                   String candidateNote, String fingerprint, Severity severity, List<String> usedDomains) {
        this(findings, lastUsedAt, staleSince, eligibleAt, candidate, Lazy.value(candidateNote), Lazy.value(fingerprint),
                severity, usedDomains);
    }

    /**
     * The evaluator's form: the note (words) and the fingerprint (a SHA-256) are computed when first read, which is
     * when the verdict proposes a candidate or is emitted; most evaluations of an unchanged client read neither.
     */
    Verdict(List<RuleFinding> findings, Instant lastUsedAt, Instant staleSince, Instant eligibleAt, boolean candidate,
            Supplier<String> candidateNote, Supplier<String> fingerprint, Severity severity, List<String> usedDomains) {
        this.findings = findings.stream().sorted(Comparator.comparing(RuleFinding::rule)).toList();
        this.lastUsedAt = lastUsedAt;
        this.staleSince = staleSince;
        this.eligibleAt = eligibleAt;
        this.candidate = candidate;
        this.candidateNote = Lazy.of(candidateNote);
        this.fingerprint = Lazy.of(fingerprint);
        this.severity = severity;
        this.usedDomains = usedDomains == null ? List.of() : List.copyOf(usedDomains);
    }

    public List<RuleFinding> findings() {
        return findings;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public Instant staleSince() {
        return staleSince;
    }

    public Instant eligibleAt() {
        return eligibleAt;
    }

    public boolean candidate() {
        return candidate;
    }

    public String candidateNote() {
        return candidateNote.get();
    }

    public String fingerprint() {
        return fingerprint.get();
    }

    public List<String> usedDomains() {
        return usedDomains;
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
