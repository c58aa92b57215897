package io.oauthgov.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.oauthgov.cli.config.Deployment;
import io.oauthgov.cli.config.DeploymentConfig;
import io.oauthgov.executor.reconcile.ReconcileReport;
import io.oauthgov.executor.reconcile.ReconcileStatus;
import io.oauthgov.executor.reconcile.Reconciliation;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.schemas.topics.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oauthgov reconcile}: what was approved, what oauthgov says it did, and what the live registry shows. */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        header = "Approvals vs outcomes vs the live registry.",
        description = {"Replay approved deletions and outcomes from a point in time and compare them with the live",
                "registry: counts per status (DELETED, ALREADY_ABSENT, CONFLICT_SKIPPED, BLOCKED_PROTECTED, FAILED,",
                "RESTORED, DRY_RUN, IN_QUARANTINE, PENDING), clients reported deleted that are still live, and clients",
                "deleted outside oauthgov. Read-only: no consumer group, nothing produced, only GETs against Genesys.",
                "Exit 1 when anything needs a person: FAILED, drift, or deletions outside oauthgov."})
public final class ReconcileCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DeploymentOptions kafka;

    @Option(names = "--since", paramLabel = "TIME", defaultValue = "30d",
            description = {"Approvals from this time: ISO instant, UTC date, or an age like 30d (default: ${DEFAULT-VALUE}).",
                    "Use 1970-01-01 for everything the topics still hold."})
    String since;

    @Option(names = "--topics-only", description = "Compare the topics only, without reading the configured orgs live.")
    boolean topicsOnly;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the full report as JSON.")
    Path json;

    @Option(names = "--all", description = "List every approval, not only those that need attention.")
    boolean all;

    @Override
    public Integer call() throws Exception {
        Instant from = TimeArguments.instant(since, "--since", Instant.now());
        Map<String, GenesysClient> live = new LinkedHashMap<>();
        if (!topicsOnly) {
            // Read-only work: the collector identity when the org has one, so reconciling never needs the power to delete.
            Deployment deployment = kafka.deployment();
            deployment.config().orgs().forEach(org -> live.putIfAbsent(org.orgId(), deployment.connect(org,
                    org.collector().credentialsFile().isPresent() || org.executor().credentialsFile().isEmpty()
                            ? DeploymentConfig.Role.COLLECTOR : DeploymentConfig.Role.EXECUTOR)));
        }
        Topics topics = kafka.topics();
        ClusterTopics.require(kafka.clientConfigs(), Duration.ofSeconds(30), topics.deletionsApproved(), topics.outcomes(), topics.rejected(),
                topics.clients());
        PrintWriter out = spec.commandLine().getOut();
        ReconcileReport report = new Reconciliation(topics, kafka.clientConfigs(), Clock.systemUTC())
                .run(from, live, line -> {
                    out.println("  " + line);
                    out.flush();
                });
        print(out, report, live.isEmpty());
        if (json != null) {
            new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
            out.println("report written to " + json);
        }
        boolean attention = report.counts().get(ReconcileStatus.FAILED) > 0 || !report.reportedDeletedButLive().isEmpty()
                || !report.deletedOutsideOauthgov().isEmpty();
        return attention ? Main.FAILED : Main.OK;
    }

    private void print(PrintWriter out, ReconcileReport report, boolean topicsOnly) {
        out.printf("%nReconciliation of approvals since %s%s%n", report.since(), topicsOnly ? " (topics only; pass --config with orgs to check live)" : "");
        report.counts().forEach((status, count) -> out.printf("  %-20s %8d%n", status, count));
        if (report.unreadableApprovals() > 0) {
            out.printf("  %-20s %8d  (see governance.rejected)%n", "unreadable records", report.unreadableApprovals());
        }
        List<ReconcileReport.Line> lines = report.approvals().stream()
                .filter(l -> all || l.status() == ReconcileStatus.FAILED || l.status() == ReconcileStatus.PENDING
                        || l.status() == ReconcileStatus.REFUSED).toList();
        if (!lines.isEmpty()) {
            out.printf("%n  %-38s %-38s %-16s %s%n", "org", "client", "status", "detail");
            lines.forEach(l -> out.printf("  %-38s %-38s %-16s %s%s%n", l.orgId(), l.clientId(), l.status(),
                    l.detail() == null ? "" : l.detail(), l.contextId() == null ? "" : " (contextId " + l.contextId() + ")"));
        }
        if (!report.reportedDeletedButLive().isEmpty()) {
            out.printf("%nReported DELETED but still live (%d):%n", report.reportedDeletedButLive().size());
            report.reportedDeletedButLive().forEach(l -> out.printf("  %s %s (approval %s)%n", l.orgId(), l.clientId(), l.approvalId()));
        }
        if (!report.deletedOutsideOauthgov().isEmpty()) {
            out.printf("%nDeleted outside oauthgov (%d):%n", report.deletedOutsideOauthgov().size());
            report.deletedOutsideOauthgov().forEach(m -> out.printf("  %s %s %s (last seen %s)%n", m.orgId(), m.clientId(),
                    m.clientName(), m.lastSeenAt()));
        }
        out.flush();
    }
}
