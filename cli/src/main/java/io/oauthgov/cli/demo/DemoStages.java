package io.oauthgov.cli.demo;

import io.oauthgov.analyzer.AnalyzerApp;
import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.analyzer.policy.BlastRadius;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.analyzer.policy.PolicyLoader;
import io.oauthgov.avro.Decision;
import io.oauthgov.avro.IntegrationRecord;
import io.oauthgov.cli.approvals.ApprovalPublisher;
import io.oauthgov.cli.approvals.ApprovalRequests;
import io.oauthgov.cli.embedded.EmbeddedEnvironment;
import io.oauthgov.cli.embedded.StreamsCatchUp;
import io.oauthgov.cli.registry.IntegrationRegistryCsv;
import io.oauthgov.cli.registry.RegistryPublisher;
import io.oauthgov.collector.CollectorApp;
import io.oauthgov.collector.CollectorSettings;
import io.oauthgov.collector.OrgReport;
import io.oauthgov.collector.OrgTarget;
import io.oauthgov.genesys.ClientCredentials;
import io.oauthgov.genesys.Endpoints;
import io.oauthgov.genesys.GenesysClient;
import io.oauthgov.genesys.governance.GovernanceConfig;
import io.oauthgov.simulator.GenesysSimulator;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.IdentityRole;
import io.oauthgov.executor.ExecutorProgress;
import io.oauthgov.executor.ExecutorLimits;
import io.oauthgov.executor.ExecutorSettings;
import io.oauthgov.executor.trust.ApprovalTrust;
import io.oauthgov.executor.ExecutorApp;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;

/**
 * The pipeline stages wired to the embedded environment and a simulated organization, each a plain call: the demo
 * runs them in order with progress lines, and the end-to-end test runs the same calls. Real deployments wire the
 * same stage classes to real Kafka and Genesys Cloud through the CLI's commands.
 */
public final class DemoStages {
    public static final String APPROVER = "demo-approver@oauthgov.test";
    private static final String ANALYZER_APP_ID = "oauthgov-demo-analyzer";

    private static final String EXECUTOR_ID = "oauthgov-demo-executor";

    private final EmbeddedEnvironment environment;
    private final GenesysSimulator simulator;
    private final int identityRateLimit;
    /**
     * This run's approval-signing key: the demo approval system signs with it, the analyzer's gate and the executor
     * verify it. Hex text, as a key file holds it, so the same key can be handed to {@code oauthgov execute}.
     */
    private final byte[] approvalKey;

    public DemoStages(EmbeddedEnvironment environment, GenesysSimulator simulator, int identityRateLimit) {
        this.environment = environment;
        this.simulator = simulator;
        this.identityRateLimit = identityRateLimit;
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.approvalKey = java.util.HexFormat.of().formatHex(random).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The shipped policy with the blast-radius limits raised so the demo can process a whole simulated org in one run
     * (production default: 50 a day, 10 % of the org). The surge brake keeps its default: the demo shows it holding
     * the first collection's candidates and a person confirming them. The notice period is zero: the notifier tells
     * every owner, but the demo approves minutes later instead of a week (its summary says so).
     */
    public static Policy demoPolicy() {
        Policy shipped = PolicyLoader.loadDefault();
        return shipped.withLimits(new BlastRadius(100_000, 1.0, shipped.surgeFraction())).withNoticePeriod(Duration.ZERO);
    }

    /**
     * A person confirms the surge the brake holds in every simulated org (signed like an approval), and the analyzer
     * has read it before anything else is approved: confirmations and approvals travel on different partitions.
     */
    public void confirmSurges() throws Exception {
        ApprovalRequests.Terms terms = new ApprovalRequests.Terms(Decision.APPROVE, APPROVER, "DEMO-SURGE", Duration.ofHours(1),
                "oauthgov demo");
        ApprovalPublisher.publish(environment.topics().approvals(), environment.clientConfigs(), simulator.orgIds().stream()
                .map(org -> ApprovalRequests.confirmSurge(org, terms, Instant.now(), Optional.of(approvalKey))).toList());
        awaitAnalyzer(Duration.ofMinutes(1));
    }

    /** The executor's second line applies the same raised limits as the demo's gate. */
    private static ExecutorLimits demoLimits() {
        Policy policy = demoPolicy();
        return new ExecutorLimits(policy.maxDeletionsPerOrgPerDay(), policy.maxFractionPerOrg());
    }

    public byte[] approvalKey() {
        return approvalKey.clone();
    }

    /** The simulator's CMDB export, validated and published to the integrations topic. */
    public int importRegistry() {
        return importRegistry(Optional.empty());
    }

    /** ... with chat webhooks under {@code chatWebhooks} for owners a..m (the demo's webhook receiver). */
    public int importRegistry(Optional<java.net.URI> chatWebhooks) {
        Instant now = Instant.now();
        List<IntegrationRecord> records = IntegrationRegistryCsv.parse(SimulatedRegistryCsv.render(simulator.integrationRegistry(),
                chatWebhooks), SimulatedRegistryCsv.FILE, now);
        RegistryPublisher.publish(environment.topics().integrations(), environment.clientConfigs(), records,
                simulator.orgIds(), "registry.csv", now);
        return records.size();
    }

    /** One collection of every simulated organization, each through its own collector identity. */
    public List<OrgReport> collect(Consumer<String> progress) {
        List<OrgTarget> targets = simulator.orgIds().stream().map(orgId -> {
            ApiIdentity identity = simulator.identity(orgId, IdentityRole.COLLECTOR);
            GenesysClient api = GenesysClient.connect(orgId, Endpoints.local(simulator.baseUrl()),
                    new ClientCredentials(identity.clientId(), identity.secret()),
                    GovernanceConfig.collectorDefaults().withRequestsPerWindow(identityRateLimit));
            return new OrgTarget(orgId, identity.region(), api);
        }).toList();
        try {
            return CollectorApp.collectOnce(CollectorApp.Config.once(environment.topics(), environment.clientConfigs(),
                    CollectorSettings.defaults().withTransactionalId("oauthgov-demo-collector").withAuditSettle(Duration.ZERO), targets),
                    progress);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while collecting", e);
        }
    }

    /** Starts the analyzer with the given policy; approvals from {@link #APPROVER} are accepted for every org. */
    public AnalyzerApp startAnalyzer(Policy policy, Path stateDir) throws InterruptedException {
        AnalyzerApp app = launchAnalyzer(policy, stateDir);
        awaitRunning(app);
        return app;
    }

    /**
     * Starts the analyzer with its processing paused, before anything is on its inputs. Joining the group, creating
     * its internal topics, initializing its transactional producers and opening its stores took about 5 s of the
     * demo, mostly waiting: paused, they overlap the registry import and the collection, which leave the CPU idle
     * waiting on HTTP. {@link #resumeAnalyzer} lets it process once the collection is in. Nothing can be processed
     * before the pause: the inputs are empty until the caller imports or collects after this returns.
     */
    public AnalyzerApp startAnalyzerPaused(Policy policy, Path stateDir) {
        AnalyzerApp app = launchAnalyzer(policy, stateDir);
        app.streams().pause();
        return app;
    }

    /**
     * Resumes an analyzer started by {@link #startAnalyzerPaused} once its global tables (manifests, roles) hold
     * everything on their topics, as a start after the collection would have found them: only then do its tasks
     * judge the collected clients, so the verdicts are those of an analyzer started after the collection.
     */
    public void resumeAnalyzer(AnalyzerApp app, Duration timeout) throws InterruptedException {
        GlobalTablesCatchUp.await(app.streams(), app.topology(), environment.clientConfigs(), timeout);
        app.streams().resume();
        awaitRunning(app);
    }

    private AnalyzerApp launchAnalyzer(Policy policy, Path stateDir) {
        AnalyzerSettings.Builder settings = AnalyzerSettings.builder()
                .approvers(AnalyzerSettings.ALL_ORGS, APPROVER)
                .punctuationInterval(Duration.ofSeconds(2))
                .hmacKey(approvalKey);
        simulator.orgIds().forEach(orgId -> settings.executorIdentity(orgId, simulator.identity(orgId, IdentityRole.EXECUTOR).clientId()));
        return AnalyzerApp.start(AnalyzerApp.Config.builder(environment.bootstrapServers())
                .applicationId(ANALYZER_APP_ID)
                .stateDir(stateDir)
                .replicationFactor(environment.replicationFactor())
                .schemaRegistryUrl(environment.schemaRegistryUrl())
                // two stream threads share the six partitions: the analyzer's stage is CPU-bound per thread
                .overrides(java.util.Map.of("num.stream.threads", 2))
                .build(), policy, settings.build());
    }

    private static void awaitRunning(AnalyzerApp app) throws InterruptedException {
        if (!app.awaitRunning(Duration.ofSeconds(60))) {
            app.close();
            throw new IllegalStateException("The analyzer did not reach RUNNING within 60 s");
        }
    }

    /**
     * Runs the executor as each org's executor identity until it has answered every approval and ended every
     * quarantine it started, printing progress meanwhile.
     */
    public ExecutorRun execute(boolean execute, Duration quarantine, Consumer<String> progress) throws InterruptedException {
        List<GenesysClient> identities = simulator.orgIds().stream().map(orgId -> {
            ApiIdentity identity = simulator.identity(orgId, IdentityRole.EXECUTOR);
            return GenesysClient.connect(orgId, Endpoints.local(simulator.baseUrl()), new ClientCredentials(identity.clientId(), identity.secret()),
                    GovernanceConfig.defaults().withRequestsPerWindow(identityRateLimit));
        }).toList();
        ExecutorSettings settings = ExecutorSettings.defaults().withExecute(execute).withQuarantine(quarantine)
                .withGroupId(EXECUTOR_ID).withTransactionalId(EXECUTOR_ID)
                // Every approval is on the topic before the executor starts (the gate phase saw the analyzer caught up),
                // so the run ends once it has answered them all and ended its quarantines; the idle rule is a backstop.
                .withStopWhenCaughtUp(true).withStopWhenIdle(stopWhenIdle(execute, quarantine))
                .withTrust(ApprovalTrust.of(approvalKey, java.util.Map.of(ApprovalTrust.ALL_ORGS, java.util.Set.of(APPROVER))))
                // the demo deletes a quarter of a synthetic org in one go on purpose, far beyond a production day's limits
                .withLimits(demoLimits());
        ExecutorApp executor = ExecutorApp.start(ExecutorApp.Config.of(environment.topics(), environment.clientConfigs(), identities, settings));
        Thread reporter = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(2_000);
                    progress.accept(ExecutorProgress.line(executor.stats(), identities));
                }
            } catch (InterruptedException e) {
                // run finished
            }
        }, "oauthgov-demo-executor-progress");
        reporter.setDaemon(true);
        reporter.start();
        try {
            executor.awaitStopped();
        } finally {
            reporter.interrupt();
            executor.close();
        }
        return new ExecutorRun(executor.stats(), identities);
    }

    /** Backstop: idle for a second ends a dry run; an executing run also waits out its seconds-long quarantines to their deletes. */
    private static Duration stopWhenIdle(boolean execute, Duration quarantine) {
        Duration second = Duration.ofSeconds(1);
        return execute && quarantine.compareTo(second) > 0 ? quarantine : second;
    }

    /** Waits until the analyzer has processed everything on its inputs and its outputs can be read to their ends. */
    public void awaitAnalyzer(Duration timeout) throws Exception {
        try (Admin admin = Admin.create(environment.clientConfigs())) {
            StreamsCatchUp.await(admin, ANALYZER_APP_ID, AnalyzerApp.inputTopics(ANALYZER_APP_ID), AnalyzerApp.outputTopics(), timeout);
        }
    }
}
