package io.oauthgov.cli.demo;

import io.oauthgov.collector.OrgReport;
import java.io.PrintWriter;

/** The table a person reads at the end of the demo. */
final class DemoSummary {
    private final PrintWriter out;

    DemoSummary(PrintWriter out) {
        this.out = out;
    }

    void print(DemoResults r) {
        out.println();
        out.println("Summary");
        row("clients collected (verified snapshots)", r.collected().stream().mapToLong(OrgReport::clients).sum());
        row("evidence records (usage + audit)", r.collected().stream().mapToLong(o -> o.usageEvidence() + o.auditEvidence()).sum());
        r.riskBySeverity().forEach((severity, count) -> row("clients at risk: " + severity, count));
        row("deletion candidates", r.candidates().size());
        row("candidates the ground truth expects", r.verdicts().expected().size());
        row("missed (expected, not proposed)", r.verdicts().missed().size());
        row("wrongly proposed (protected, in use, ...)", r.verdicts().wronglyProposed().size());
        row("privileged stale clients not CRITICAL", r.privilege().privilegedStaleNotCritical().size());
        row("over-privileged active clients not flagged", r.privilege().overprivilegedUnflagged().size());
        row("read-only clients flagged as privileged", r.privilege().readOnlyFlagged().size());
        row("owners told (digests: e-mail, chat webhook)", r.notified().digestsSent());
        row("  candidates in them / via the fallback contact", r.notified().noticesPublished(), r.notified().viaFallback());
        row("approvals submitted", r.decisions().approvals().size());
        r.http().statuses().forEach((status, count) -> row("  answered HTTP " + status + " by approvals serve", count));
        row("  of which the approvers rejected", r.decisions().count("REJECT"));
        row("approvals passed the gate", r.gate().passed());
        r.gate().refusedByReason().forEach((reason, count) -> row("refused by the gate: " + reason, count));
        r.outcomesByKind().forEach((kind, count) -> row("outcome: " + kind, count));
        row("clients deleted (simulator's own log)", r.simulator().deletionLog().deletions().size());
        row("protected or in-use clients deleted", r.wronglyDeleted().size());
        row("API calls: collector / executor", r.collectorCalls(), r.executed().calls());
        row("429s: collector / executor", r.collectorThrottled(), r.executed().throttled());
        out.println();
        out.println("Phase timings");
        r.phases().forEach((phase, took) -> out.printf("  %-70s %6.1f s%n", phase, took.toMillis() / 1000.0));
        boolean safe = r.wronglyDeleted().isEmpty();
        out.printf("%nVerdicts %s the ground truth; %s. Report: %s%n",
                r.verdicts().agree() && r.privilege().agree() ? "match" : "DO NOT match",
                safe ? "no protected or in-use client was deleted" : "PROTECTED OR IN-USE CLIENTS WERE DELETED",
                r.options().reportDir().toAbsolutePath());
        out.printf("Notices: %d message(s) in %s; the demo's notice period is %d days (production: 7), so approvals did not wait.%n",
                r.messages().size(), r.options().reportDir().resolve(DemoNotifications.DIR).toAbsolutePath(),
                DemoStages.demoPolicy().notice().period().toDays());
        if (!r.options().execute()) {
            out.println("Dry run: nothing was deleted. Run `./oauthgov demo --execute` to see both executor phases.");
        }
        out.flush();
    }

    private void row(String label, long value) {
        out.printf("  %-46s %8d%n", label, value);
    }

    private void row(String label, long a, long b) {
        out.printf("  %-46s %8d / %d%n", label, a, b);
    }
}
