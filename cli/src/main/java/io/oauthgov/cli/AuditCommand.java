package io.oauthgov.cli;

import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.cli.audit.AuditDiff;
import io.oauthgov.cli.audit.AuditReportFiles;
import io.oauthgov.cli.audit.AuditResult;
import io.oauthgov.cli.audit.AuditRun;
import io.oauthgov.cli.config.ConfigEnvironment;
import io.oauthgov.cli.config.Deployment;
import io.oauthgov.cli.config.DeploymentConfig;
import io.oauthgov.cli.registry.IntegrationRegistryCsv;
import io.oauthgov.collector.CollectorSettings;
import io.oauthgov.collector.OrgTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oauthgov audit}: collect and analyze the configured organizations in this process and write a report. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        header = "One-shot, read-only audit of the configured organizations: no Kafka, no infrastructure.",
        description = {"Runs the collector and the analyzer on a broker inside this process against",
                "every org in --config (oauthgov.yaml: orgs, collector identities, policy; its",
                "kafka section is not used), then writes DIR/report.csv (one row per client:",
                "org, id, name, grant, state, owner, last use, severity, findings, candidate",
                "yes/no with the reason), DIR/report.json and DIR/report.html.",
                "Read-only: only the collector identities call the API; nothing is approved,",
                "deactivated or deleted. --since-report compares with an earlier audit.",
                "Exit 0 when every org was read completely, 1 when some org was not (the",
                "report says what is missing), 2 on bad usage or configuration."})
public final class AuditCommand implements Callable<Integer> {
    /** Re-evaluates waiting clients quickly: a one-shot run has nothing else to do meanwhile. */
    private static final Duration PUNCTUATION = Duration.ofSeconds(2);
    /** Changes printed on the console; changes.csv has them all. */
    private static final int CHANGES_SHOWN = 20;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "The deployment file (oauthgov.yaml): orgs with region or baseUrl and collector.credentialsFile.")
    Path config;

    @Option(names = "--report", paramLabel = "DIR", description = "Where the report files go (default: oauthgov-audit).")
    Path reportDir = Path.of("oauthgov-audit");

    @Option(names = "--registry", paramLabel = "FILE.csv",
            description = "The CMDB export, as `registry import` reads it: owners and protections. Without it every org's "
                    + "registry is declared empty: nothing is protected.")
    Path registryFile;

    @Option(names = "--since-report", paramLabel = "DIR",
            description = "An earlier audit's --report directory: list what changed since (changes.csv).")
    Path sinceReport;

    @Option(names = "--policy", paramLabel = "FILE", description = "Policy YAML (overrides policyFile; default: the shipped policy).")
    Path policyFile;

    @Override
    public Integer call() throws Exception {
        Deployment deployment = DeploymentOptions.load(config);
        DeploymentConfig settings = deployment.config();
        if (settings.orgs().isEmpty()) {
            throw new UserError("no organizations to audit: " + settings.source() + " lists none and " + ConfigEnvironment.ORG_ID
                    + " is not set", "add orgs to oauthgov.yaml, each with baseUrl or region and collector.credentialsFile");
        }
        Policy policy = policyFile != null ? Policies.load(policyFile, "--policy") : deployment.policy();
        Optional<AuditRun.Registry> registry = Optional.ofNullable(registryFile).map(AuditCommand::registry);
        Optional<AuditReportFiles.Previous> previous = Optional.ofNullable(sinceReport).map(dir -> {
            try {
                return AuditReportFiles.readPrevious(dir);
            } catch (IllegalArgumentException e) {
                throw new UserError("--since-report " + e.getMessage(), "pass the --report directory of an earlier `oauthgov audit`");
            }
        });
        if (Files.exists(reportDir) && !Files.isDirectory(reportDir)) {
            throw new UserError("--report " + reportDir + " is a file", "pass a directory (it is created when missing)");
        }
        // Credentials are read (and a missing or world-readable file refused) before anything starts.
        List<OrgTarget> targets = settings.orgs().stream()
                .map(org -> new OrgTarget(org.orgId(), org.regionName(), deployment.connect(org, DeploymentConfig.Role.COLLECTOR))).toList();
        DeploymentConfig.CollectorStage stage = settings.collector();
        CollectorSettings collector = new CollectorSettings(Duration.ofDays(stage.backfillDays()), AuditRun.COLLECTOR_TRANSACTIONAL_ID, 500,
                stage.auditSettle());

        PrintWriter out = spec.commandLine().getOut();
        AuditResult result = new AuditRun(new AuditRun.Plan(targets, collector, policy, PUNCTUATION, registry, previous, reportDir), out).run();
        AuditReportFiles.write(result, reportDir);
        summary(out, result);
        return result.complete() ? Main.OK : Main.FAILED;
    }

    /** A reason can be long; the console shows its start, changes.csv all of it. */
    private static String shorten(String text) {
        return text.length() <= 100 ? text : text.substring(0, 99) + "\u2026";
    }

    private static AuditRun.Registry registry(Path file) {
        String csv;
        try {
            csv = Files.readString(file);
        } catch (IOException e) {
            throw new UserError("--registry " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")", "pass the CMDB export CSV");
        }
        try {
            List<IntegrationRecord> records = IntegrationRegistryCsv.parse(csv, file.getFileName().toString(), Instant.now());
            return new AuditRun.Registry(file.getFileName().toString(), records);
        } catch (IntegrationRegistryCsv.RegistryFormatException e) {
            throw new UserError("--registry " + file + ": " + e.getMessage(), "fix the lines named above; nothing was audited");
        }
    }

    private void summary(PrintWriter out, AuditResult result) {
        long candidates = result.rows().stream().filter(r -> r.candidate()).count();
        out.printf("%naudit of %d org(s): %d clients, %d deletion candidate(s); highest severity per client: %s%n",
                result.collection().size(), result.rows().size(), candidates, result.riskBySeverity().isEmpty() ? "no findings"
                        : result.riskBySeverity().toString());
        if (result.registrySource().isEmpty()) {
            out.println("no --registry: no client is protected and every client counts as unowned; pass --registry cmdb.csv for owners");
        }
        result.orgsNotJudged().forEach((org, why) -> out.printf("org %s NOT JUDGED: %s%n", org, why));
        result.incompleteOrgs().forEach((org, why) -> out.printf("org %s NOT FULLY READ: %s%n", org, why));
        result.since().ifPresent(since -> {
            Map<AuditDiff.Kind, Long> counts = AuditDiff.counts(since.changes());
            out.printf("since the audit of %s: %s%n", since.previousGeneratedAt(), counts.isEmpty() ? "no change" : counts.toString());
            since.changes().stream().limit(CHANGES_SHOWN).forEach(c -> out.printf("  %-19s %s %s (%s)%s%n", c.kind(), c.orgId(),
                    c.clientId(), c.clientName(), ": " + shorten(c.before()) + " -> " + shorten(c.after())));
            if (since.changes().size() > CHANGES_SHOWN) {
                out.printf("  ... %d more in %s%n", since.changes().size() - CHANGES_SHOWN, reportDir.resolve(AuditReportFiles.CHANGES));
            }
        });
        out.printf("report: %s, %s, %s%s%n", reportDir.resolve(AuditReportFiles.CSV), reportDir.resolve(AuditReportFiles.JSON),
                reportDir.resolve(AuditReportFiles.HTML), result.since().isPresent() ? ", " + reportDir.resolve(AuditReportFiles.CHANGES) : "");
        out.flush();
    }
}
