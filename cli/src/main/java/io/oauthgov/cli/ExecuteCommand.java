package io.oauthgov.cli;

import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.cli.config.Deployment;
import io.oauthgov.cli.config.DeploymentConfig;
import io.oauthgov.executor.ExecutorApp;
import io.oauthgov.executor.ExecutorLimits;
import io.oauthgov.executor.ExecutorProgress;
import io.oauthgov.executor.ExecutorSettings;
import io.oauthgov.executor.metrics.ExecutorMetrics;
import io.oauthgov.executor.trust.ApprovalTrust;
import io.oauthgov.executor.trust.ExpiryRule;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.schemas.topics.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oauthgov execute}: the executor, running until interrupted (or idle, when asked). */
@Command(name = "execute", mixinStandardHelpOptions = true,
        header = "Act on approved deletions (dry run unless --execute).",
        description = {"Act on approved deletions: re-read each client live, then (with --execute) deactivate it, watch it",
                "through the policy's quarantine and delete it if untouched. Without --execute nothing is changed: every",
                "approval ends DRY_RUN. Executor identities come from --config (oauthgov.yaml: orgs[].executor) or, for one",
                "org, from GENESYSCLOUD_OAUTHCLIENT_ID/_SECRET, GENESYSCLOUD_REGION and OAUTHGOV_ORG_ID.",
                "Every approval is verified again here before each deactivation and delete (HMAC, approver, expiry), with",
                "the same approvers and key as the analyzer's gate (oauthgov.yaml approvals:); --execute needs the key.",
                "Stop all changes at once with `oauthgov kill-switch on` or by creating the --kill-switch-file."})
public final class ExecuteCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DeploymentOptions kafka;

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--execute", description = "Really deactivate and delete (executor.execute; default: dry run, nothing changes).")
    boolean execute;

    @Option(names = "--policy", paramLabel = "FILE", description = "Policy YAML whose quarantineDays and limits apply (overrides policyFile).")
    Path policyFile;

    @Option(names = "--quarantine", paramLabel = "DURATION",
            description = "Override the policy's quarantine, within the policy's bounds (1d to 365d), e.g. 3d, 14d.")
    String quarantine;

    @Option(names = "--allow-short-quarantine",
            description = "Accept a --quarantine shorter than a day (seconds or minutes), for trying it out against the simulator and tests.")
    boolean allowShortQuarantine;

    @Option(names = "--settings", paramLabel = "FILE",
            description = {"Earlier releases' analyzer properties (approvers, approval key file), read on top of oauthgov.yaml."})
    Path settingsFile;

    @Option(names = "--strict-expiry",
            description = "The final DELETE also needs the approval to be still valid (executor.strictExpiry; default: a quarantine begun under a valid approval may end in a delete).")
    boolean strictExpiry;

    @Option(names = "--max-deletions-per-org-per-day", paramLabel = "N",
            description = "Deactivations (each the start of a delete) per org and UTC day; beyond, approvals are refused LIMIT_DAILY (default: the policy's limits.maxDeletionsPerOrgPerDay).")
    Integer maxPerDay;

    @Option(names = "--max-fraction-per-org", paramLabel = "F",
            description = "Most of an org's clients deactivated in one UTC day, 0..1; beyond, LIMIT_FRACTION (default: the policy's limits.maxFractionPerOrg).")
    Double maxFraction;

    @Option(names = "--kill-switch-file", paramLabel = "FILE",
            description = "While this file exists nothing is deactivated, deleted or restored, even when Kafka is down (executor.killSwitchFile).")
    Path killSwitchFile;

    @Option(names = "--group-id",
            description = "Consumer group; instances sharing it share the identities (executor.groupId; default oauthgov-executor).")
    String groupId;

    @Option(names = "--transactional-id",
            description = "Transactional id, unique per instance; a restart with the same id fences the old one (executor.transactionalId).")
    String transactionalId;

    @Option(names = "--stop-when-idle", paramLabel = "DURATION",
            description = {"Exit once nothing arrived and nothing was in flight for this long (default: run until Ctrl-C). A quarantine",
                    "due within that time is waited for and ends in its delete; longer ones stay open (durable in Kafka, the next run",
                    "ends them when due) and are listed on exit."})
    String stopWhenIdle;

    @Option(names = "--progress-every", paramLabel = "DURATION", defaultValue = "10s",
            description = "How often to print counts and each identity's budget (default: ${DEFAULT-VALUE}).")
    String progressEvery;

    @Override
    public Integer call() throws Exception {
        Deployment deployment = kafka.deployment();
        DeploymentConfig.ExecutorStage stage = deployment.config().executor();
        boolean really = execute || stage.execute();
        Policy policy = policyFile != null ? Policies.load(policyFile, "--policy") : deployment.policy();
        Duration quarantinePeriod = quarantine != null || stage.quarantine().isEmpty()
                ? QuarantineOption.resolve(quarantine, allowShortQuarantine, policy)
                : QuarantineOption.within(stage.quarantine().get(), "executor.quarantine " + TimeArguments.text(stage.quarantine().get()),
                        allowShortQuarantine, policy);
        ApprovalTrust trust = trust(deployment);
        if (really && trust.hmacKey().isEmpty()) {
            throw new UserError("--execute needs the approval HMAC key: the executor verifies every approval itself",
                    "set approvals.keyFile in oauthgov.yaml (or " + AnalyzerSettings.HMAC_KEY_ENV + "), the same key the analyzer uses");
        }
        ExecutorLimits limits;
        try {
            // The policy is the source of the limits the gate enforced; flags may only be given to tighten or test them.
            limits = new ExecutorLimits(maxPerDay != null ? maxPerDay : policy.maxDeletionsPerOrgPerDay(),
                    maxFraction != null ? maxFraction : policy.maxFractionPerOrg());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), "e.g. --max-deletions-per-org-per-day 50 --max-fraction-per-org 0.1");
        }
        Path killSwitch = killSwitchFile != null ? killSwitchFile : stage.killSwitchFile().orElse(null);
        ExecutorSettings settings = ExecutorSettings.defaults().withExecute(really).withQuarantine(quarantinePeriod)
                .withGroupId(groupId != null ? groupId : stage.groupId())
                .withTransactionalId(transactionalId != null ? transactionalId : stage.transactionalId())
                .withKillSwitchFile(killSwitch)
                .withStopWhenIdle(stopWhenIdle == null ? null : TimeArguments.duration(stopWhenIdle, "--stop-when-idle", false))
                .withTrust(trust).withLimits(limits)
                .withExpiryRule(strictExpiry || stage.strictExpiry() ? ExpiryRule.VALID_AT_DELETE : ExpiryRule.QUARANTINE_BEGUN_WHILE_VALID);
        if (deployment.config().orgs().isEmpty()) {
            throw new UserError("no organizations: " + deployment.config().source() + " lists none and OAUTHGOV_ORG_ID is not set",
                    "add orgs with an executor identity to oauthgov.yaml");
        }
        List<GenesysClient> clients = deployment.config().orgs().stream()
                .map(org -> deployment.connect(org, DeploymentConfig.Role.EXECUTOR)).toList();
        long every = TimeArguments.duration(progressEvery, "--progress-every", false).toMillis();

        Topics topics = kafka.topics();
        StagePreflight.check(kafka.clientConfigs(), deployment.serdeConfigs(), 0, topics.deletionsApproved(),
                topics.outcomes(), topics.quarantine(), topics.control(), topics.integrations(), topics.activity(), topics.rejected(),
                topics.risk(), topics.riskOcsf());
        PrintWriter out = spec.commandLine().getOut();
        MetricsEndpoint endpoint = metrics.start("executor", out, deployment.config().executor().metricsPort(), deployment.config().metrics().bind());
        ExecutorApp app;
        try {
            app = ExecutorApp.start(new ExecutorApp.Config(topics, kafka.clientConfigs(), clients, settings, Clock.systemUTC()),
                    new ExecutorMetrics(endpoint.registry(), Clock.systemUTC()));
        } catch (IllegalArgumentException e) {
            endpoint.close();
            throw new UserError(e.getMessage(), "list each org and executor identity once in " + deployment.config().source());
        }
        endpoint.readiness(app.readiness());
        Thread hook = new Thread(app::close, "oauthgov-execute-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.printf("executor %s: %d identit%s, quarantine %s, at most %d deactivations per org and day and %.0f %% of an org%s; Ctrl-C to stop%n",
                really ? "EXECUTING" : "in DRY RUN (nothing changes)",
                clients.size(), clients.size() == 1 ? "y" : "ies", TimeArguments.text(quarantinePeriod), limits.maxDeletionsPerOrgPerDay(),
                limits.maxFractionPerOrg() * 100,
                killSwitch == null ? "" : ", kill-switch file " + killSwitch);
        out.flush();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "oauthgov-execute-progress");
            t.setDaemon(true);
            return t;
        });
        progress.scheduleAtFixedRate(() -> printProgress(out, app), every, every, TimeUnit.MILLISECONDS);
        try {
            app.awaitStopped();
        } finally {
            endpoint.close();
            progress.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        printProgress(out, app);
        if (really && stopWhenIdle != null && app.leftOpen().count() > 0) {
            out.println("  " + app.leftOpen().describe());
            out.flush();
        }
        return app.stats().count(OutcomeKind.FAILED) == 0 ? Main.OK : Main.FAILED;
    }

    /** The gate's approvers and key, from the deployment and (for older set-ups) the analyzer properties. */
    private ApprovalTrust trust(Deployment deployment) {
        AnalyzerSettings settings = LegacyAnalyzerProperties.applyTo(deployment.analyzerSettings(), settingsFile, "--settings").build();
        return new ApprovalTrust(settings.hmacKey(), settings.approversByOrg());
    }

    private static void printProgress(PrintWriter out, ExecutorApp app) {
        out.println("  " + ExecutorProgress.line(app.stats(), app.identities().all()));
        out.flush();
    }
}
