package io.oauthgov.cli.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oauthgov.analyzer.evaluation.RuleFinding;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.avro.Severity;
import io.oauthgov.cli.replay.PolicyBacktest.ClientResult;
import io.oauthgov.cli.replay.PolicyBacktest.Result;
import io.oauthgov.cli.replay.PolicyComparison.SeverityChange;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Renders a {@link PolicyComparison} for a terminal (lists cut at a limit) and as JSON (everything). Client names
 * are attacker-controllable, so control and bidirectional-override characters are replaced before they reach a
 * terminal, where they could rewrite or hide lines.
 */
public final class ReplayReport {
    private final PolicyComparison comparison;
    private final RecordedHistory history;
    private final int limit;

    public ReplayReport(PolicyComparison comparison, RecordedHistory history, int limit) {
        this.comparison = comparison;
        this.history = history;
        this.limit = limit;
    }

    public void print(PrintWriter out) {
        Result baseline = comparison.baseline();
        Result proposed = comparison.proposed();
        PolicyBacktest.Window window = baseline.window();
        out.printf("Replay as of %s; window from %s (%d days)%n", window.asOf(), window.from(),
                Duration.between(window.from(), window.asOf()).toDays());
        out.printf("  recorded: %d clients, %d evidence records, %d integration records%s%n", history.clients().size(),
                history.evidenceRecords(), history.integrations().size(),
                history.skippedRecords() == 0 ? "" : " (" + history.skippedRecords() + " malformed records skipped)");
        out.println();
        out.printf("  %-42s %18s %18s%n", "", "baseline", "new");
        out.printf("  %-42s %18s %18s%n", "", label(baseline.policy()), label(proposed.policy()));
        row(out, "deletion candidates", baseline.candidates().size(), proposed.candidates().size());
        row(out, "  became eligible inside the window", baseline.proposedInWindow(), proposed.proposedInWindow());
        row(out, "flagged, then used again in the window", baseline.flaggedThenUsedAgain().size(),
                proposed.flaggedThenUsedAgain().size());
        for (Severity severity : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFORMATIONAL)) {
            long before = baseline.riskBySeverity().getOrDefault(severity, 0L);
            long after = proposed.riskBySeverity().getOrDefault(severity, 0L);
            if (before + after > 0) {
                row(out, "clients at risk: " + severity, before, after);
            }
        }

        missingEvidence(out, baseline);
        if (!proposed.missingEvidence().equals(baseline.missingEvidence())) {
            missingEvidence(out, proposed);
        }

        section(out, "Candidates only " + label(proposed.policy()) + " flags", comparison.onlyProposed(), c -> {
            out.printf("  %s  \"%s\"  eligible since %s%n", id(c), terminalSafe(c.clientName()), c.verdict().eligibleAt());
            c.verdict().candidateReasons().forEach(f -> out.printf("      %s: %s%n", f.rule().id(), terminalSafe(f.reason())));
        });
        section(out, "Candidates only " + label(baseline.policy()) + " flags", comparison.onlyBaseline(), c ->
                out.printf("  %s  \"%s\"  %s%n", id(c), terminalSafe(c.clientName()),
                        terminalSafe(Objects.toString(whyNewPolicyDoesNotFlag(c), ""))));
        section(out, "Risk severity changes, baseline -> new", comparison.severityChanges(), change ->
                out.printf("  %s/%s  \"%s\"  %s -> %s%n", change.key().getOrgId(), change.key().getClientId(),
                        terminalSafe(change.clientName()), severityText(change.before()), severityText(change.after())));
        section(out, "Flagged, then used again under " + label(proposed.policy()), proposed.flaggedThenUsedAgain(), c ->
                out.printf("  %s  \"%s\"  candidate from %s, used again %s%n", id(c), terminalSafe(c.clientName()),
                        c.flaggedAt(), c.usedAgainAt()));
        if (!proposed.flaggedThenUsedAgain().isEmpty()) {
            out.println("  each one a deletion that, once approved, would have broken a client that was still in use");
        }
        out.flush();
    }

    /** Orgs whose clients were not judged on their use, as the live analyzer would not have judged them. */
    private static void missingEvidence(PrintWriter out, Result result) {
        if (result.missingEvidence().isEmpty()) {
            return;
        }
        out.println();
        out.printf("Evidence missing under %s: these orgs' clients are not judged on their use and none is proposed%n",
                label(result.policy()));
        result.missingEvidence().forEach((org, lines) -> lines.forEach(line -> out.printf("  %s: %s%n", org, terminalSafe(line))));
    }

    /** Why the new policy does not flag a client the baseline flags, in the evaluator's own words. */
    private String whyNewPolicyDoesNotFlag(ClientResult baselineResult) {
        return comparison.proposed().clients().stream().filter(c -> c.key().equals(baselineResult.key())).findFirst()
                .map(c -> c.verdict().candidateNote()).orElse("client not present under the new policy");
    }

    public void writeJson(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        PolicyBacktest.Window window = comparison.baseline().window();
        root.put("asOf", window.asOf().toString());
        root.put("from", window.from().toString());
        ObjectNode recorded = root.putObject("recorded");
        recorded.put("clients", history.clients().size());
        recorded.put("evidenceRecords", history.evidenceRecords());
        recorded.put("integrations", history.integrations().size());
        recorded.put("skippedRecords", history.skippedRecords());
        summary(root.putObject("baseline"), comparison.baseline());
        summary(root.putObject("new"), comparison.proposed());
        ArrayNode onlyNew = root.putArray("onlyNew");
        comparison.onlyProposed().forEach(c -> client(onlyNew.addObject(), c));
        ArrayNode onlyBaseline = root.putArray("onlyBaseline");
        comparison.onlyBaseline().forEach(c -> client(onlyBaseline.addObject(), c));
        ArrayNode changes = root.putArray("severityChanges");
        for (SeverityChange change : comparison.severityChanges()) {
            changes.addObject().put("orgId", change.key().getOrgId()).put("clientId", change.key().getClientId())
                    .put("clientName", change.clientName()).put("baseline", severityText(change.before()))
                    .put("new", severityText(change.after()));
        }
        json.writeValue(file.toFile(), root);
    }

    private static void summary(ObjectNode node, Result result) {
        node.put("policyId", result.policy().id());
        node.put("policyVersion", result.policy().version());
        node.put("candidates", result.candidates().size());
        node.put("eligibleInsideWindow", result.proposedInWindow());
        ObjectNode risk = node.putObject("riskBySeverity");
        result.riskBySeverity().forEach((severity, count) -> risk.put(severity.name(), count));
        ObjectNode missing = node.putObject("missingEvidence");
        result.missingEvidence().forEach((org, lines) -> {
            ArrayNode orgLines = missing.putArray(org);
            lines.forEach(orgLines::add);
        });
        ArrayNode candidates = node.putArray("candidateClients");
        result.candidates().forEach(c -> client(candidates.addObject(), c));
        ArrayNode flagged = node.putArray("flaggedThenUsedAgain");
        result.flaggedThenUsedAgain().forEach(c -> client(flagged.addObject(), c)
                .put("flaggedAt", c.flaggedAt().toString()).put("usedAgainAt", c.usedAgainAt().toString()));
    }

    private static ObjectNode client(ObjectNode node, ClientResult c) {
        node.put("orgId", c.key().getOrgId());
        node.put("clientId", c.key().getClientId());
        node.put("clientName", c.clientName());
        node.put("severity", severityText(c.severity()));
        node.put("lastUsedAt", text(c.verdict().lastUsedAt()));
        node.put("eligibleAt", text(c.verdict().eligibleAt()));
        node.put("note", c.verdict().candidateNote());
        ArrayNode reasons = node.putArray("reasons");
        for (RuleFinding f : c.verdict().candidateReasons()) {
            reasons.addObject().put("ruleId", f.rule().id()).put("reason", f.reason());
        }
        return node;
    }

    private <T> void section(PrintWriter out, String title, List<T> items, Consumer<T> line) {
        out.println();
        out.printf("%s (%d)%n", title, items.size());
        if (items.isEmpty()) {
            out.println("  none");
        }
        items.stream().limit(limit).forEach(line);
        if (items.size() > limit) {
            out.printf("  ... and %d more (--json FILE has them all)%n", items.size() - limit);
        }
    }

    private static void row(PrintWriter out, String label, long baseline, long proposed) {
        String delta = baseline == proposed ? "" : String.format("  (%+d)", proposed - baseline);
        out.printf("  %-42s %18d %18d%s%n", label, baseline, proposed, delta);
    }

    private static String label(Policy policy) {
        return policy.id() + " v" + policy.version();
    }

    private static String id(ClientResult c) {
        return c.key().getOrgId() + "/" + c.key().getClientId();
    }

    private static String severityText(Severity severity) {
        return severity == null ? "none" : severity.name();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Replaces C0/C1 controls and bidi overrides: a client name must not move the cursor or reorder the line. */
    static String terminalSafe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            boolean control = cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
            boolean bidi = (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f;
            safe.appendCodePoint(control || bidi ? '?' : cp);
        });
        return safe.toString();
    }
}
