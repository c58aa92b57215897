package io.oauthgov.cli;

import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.avro.OutcomeKind;
import io.oauthgov.executor.ApiIdentities;
import io.oauthgov.executor.ExecutorLimits;
import io.oauthgov.executor.ExecutorProgress;
import io.oauthgov.executor.ExecutorSettings;
import io.oauthgov.executor.ExecutorStats;
import io.oauthgov.executor.GovernanceExecutor;
import io.oauthgov.executor.metrics.ExecutorMetrics;
import io.oauthgov.executor.metrics.ExecutorReadiness;
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
                "approval ends DRY_RUN. Executor identities come from --config (YAML, one entry per org and identity) or,",
                "for one org, from GENESYSCLOUD_OAUTHCLIENT_ID/_SECRET, GENESYSCLOUD_REGION and OAUTHGOV_ORG_ID.",
                "Every approval is verified again here before each deactivation and delete (HMAC, approver, expiry),",
                "with the analyzer's approvers and key (--settings, OAUTHGOV_APPROVAL_HMAC_KEY); --execute needs the key.",
                "Stop all changes at once with `oauthgov kill-switch on` or by creating the --kill-switch-file."})
public final class ExecuteCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML listing orgs and the executor identity credentials file of each.")
    Path config;

    @Option(names = "--execute", description = "Really deactivate and delete (default: dry run, nothing changes).")
    boolean execute;

    @Option(names = "--policy", paramLabel = "FILE", description = "Policy YAML whose quarantineDays applies (default: the shipped policy, 7 days).")
    Path policyFile;

    @Option(names = "--quarantine", paramLabel = "DURATION", description = "Override the policy's quarantine, e.g. 3d, 12h, 30s.")
    String quarantine;

    @Option(names = "--settings", paramLabel = "FILE",
            description = {"The analyzer's settings (properties): approvers per org (oauthgov.analyzer.approvers.<org|*>) and",
                    "the approval HMAC key file (oauthgov.analyzer.approval.hmac.key.file; or env OAUTHGOV_APPROVAL_HMAC_KEY)."})
    Path settingsFile;

    @Option(names = "--strict-expiry",
            description = "The final DELETE also needs the approval to be still valid (default: a quarantine begun under a valid approval may end in a delete).")
    boolean strictExpiry;

    @Option(names = "--max-deletions-per-org-per-day", paramLabel = "N",
            description = "Deactivations (each the start of a delete) per org and UTC day; beyond, approvals are refused LIMIT_DAILY (default: the policy's limits.maxDeletionsPerOrgPerDay).")
    Integer maxPerDay;

    @Option(names = "--max-fraction-per-org", paramLabel = "F",
            description = "Most of an org's clients deactivated in one UTC day, 0..1; beyond, LIMIT_FRACTION (default: the policy's limits.maxFractionPerOrg).")
    Double maxFraction;

    @Option(names = "--kill-switch-file", paramLabel = "FILE",
            description = "While this file exists nothing is deactivated, deleted or restored (works even when Kafka is down).")
    Path killSwitchFile;

    @Option(names = "--group-id", defaultValue = "oauthgov-executor",
            description = "Consumer group; instances sharing it share the identities (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(names = "--transactional-id", defaultValue = "oauthgov-executor",
            description = "Transactional id, unique per instance; a restart with the same id fences the old one (default: ${DEFAULT-VALUE}).")
    String transactionalId;

    @Option(names = "--stop-when-idle", paramLabel = "DURATION",
            description = "Exit once nothing arrived, nothing is in flight and no quarantine is open for this long (default: run until Ctrl-C).")
    String stopWhenIdle;

    @Option(names = "--progress-every", paramLabel = "DURATION", defaultValue = "10s",
            description = "How often to print counts and each identity's budget (default: ${DEFAULT-VALUE}).")
    String progressEvery;

    @Override
    public Integer call() throws Exception {
        Policy policy = Policies.load(policyFile, "--policy");
        Duration quarantinePeriod = quarantine == null ? policy.quarantine() : TimeArguments.duration(quarantine, "--quarantine", true);
        ApprovalTrust trust = ApprovalTrustSettings.load(settingsFile, "--settings", System.getenv());
        if (execute && trust.hmacKey().isEmpty()) {
            throw new UserError("--execute needs the approval HMAC key: the executor verifies every approval itself",
                    "set oauthgov.analyzer.approval.hmac.key.file in --settings or OAUTHGOV_APPROVAL_HMAC_KEY, as for the analyzer");
        }
        ExecutorLimits limits;
        try {
            // The policy is the source of the limits the gate enforced; flags may only be given to tighten or test them.
            limits = new ExecutorLimits(maxPerDay != null ? maxPerDay : policy.maxDeletionsPerOrgPerDay(),
                    maxFraction != null ? maxFraction : policy.maxFractionPerOrg());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), "e.g. --max-deletions-per-org-per-day 50 --max-fraction-per-org 0.1");
        }
        ExecutorSettings settings = ExecutorSettings.defaults().withExecute(execute).withQuarantine(quarantinePeriod)
                .withGroupId(groupId).withTransactionalId(transactionalId).withKillSwitchFile(killSwitchFile)
                .withStopWhenIdle(stopWhenIdle == null ? null : TimeArguments.duration(stopWhenIdle, "--stop-when-idle", false))
                .withTrust(trust).withLimits(limits)
                .withExpiryRule(strictExpiry ? ExpiryRule.VALID_AT_DELETE : ExpiryRule.QUARANTINE_BEGUN_WHILE_VALID);
        OrgsConfig orgs = config != null ? OrgsConfig.load(config) : OrgsConfig.fromEnvironment(System.getenv());
        List<GenesysClient> clients = orgs.orgs().stream().map(org -> org.connect(System.getenv())).toList();
        ApiIdentities identities;
        try {
            identities = ApiIdentities.of(clients);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), "list each org and executor identity once in --config");
        }

        Topics topics = kafka.topics();
        ClusterTopics.require(kafka.clientConfigs(), Duration.ofSeconds(30), topics.deletionsApproved(), topics.outcomes(),
                topics.quarantine(), topics.control(), topics.integrations(), topics.activity(), topics.rejected(), topics.risk());
        PrintWriter out = spec.commandLine().getOut();
        MetricsEndpoint endpoint = metrics.start("executor", out);
        GovernanceExecutor executor = new GovernanceExecutor(topics, kafka.clientConfigs(), identities, settings, Clock.systemUTC(),
                new ExecutorMetrics(endpoint.registry(), Clock.systemUTC()));
        endpoint.readiness(new ExecutorReadiness(executor.stats()));
        Thread hook = new Thread(executor::stop);
        Runtime.getRuntime().addShutdownHook(hook);
        out.printf("executor %s: %d identit%s, quarantine %s, at most %d deactivations per org and day and %.0f %% of an org%s; Ctrl-C to stop%n",
                execute ? "EXECUTING" : "in DRY RUN (nothing changes)",
                identities.all().size(), identities.all().size() == 1 ? "y" : "ies", quarantinePeriod, limits.maxDeletionsPerOrgPerDay(),
                limits.maxFractionPerOrg() * 100,
                killSwitchFile == null ? "" : ", kill-switch file " + killSwitchFile);
        out.flush();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "oauthgov-execute-progress");
            t.setDaemon(true);
            return t;
        });
        long every = TimeArguments.duration(progressEvery, "--progress-every", false).toMillis();
        progress.scheduleAtFixedRate(() -> printProgress(out, executor.stats(), identities), every, every, TimeUnit.MILLISECONDS);
        try {
            executor.run();
        } finally {
            endpoint.close();
            progress.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        printProgress(out, executor.stats(), identities);
        return executor.stats().count(OutcomeKind.FAILED) == 0 ? Main.OK : Main.FAILED;
    }

    private static void printProgress(PrintWriter out, ExecutorStats stats, ApiIdentities identities) {
        out.println("  " + ExecutorProgress.line(stats, identities.all()));
        out.flush();
    }
}
