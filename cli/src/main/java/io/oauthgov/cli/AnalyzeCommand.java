package io.oauthgov.cli;

import io.oauthgov.analyzer.AnalyzerApp;
import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.cli.config.Deployment;
import io.oauthgov.cli.config.DeploymentConfig;
import io.oauthgov.genesys.SecretFiles;
import io.oauthgov.schemas.topics.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oauthgov analyze}: the Kafka Streams analyzer, running until interrupted. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        header = "The Kafka Streams analyzer: risk events, candidates, the approval gate.",
        description = {"Run the analyzer (Kafka Streams, exactly-once v2): evaluate the policy on every client, publish risk",
                "events and deletion candidates, and pass or reject approvals. Runs until interrupted. Approvers, the",
                "approval key and each org's executor identity come from --config (oauthgov.yaml)."})
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DeploymentOptions kafka;

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--policy", paramLabel = "FILE", description = "Policy YAML (overrides policyFile; default: the shipped policy).")
    Path policyFile;

    @Option(names = "--settings", paramLabel = "FILE",
            description = {"Earlier releases' analyzer properties: oauthgov.analyzer.approvers.<org|*>=a,b;",
                    "oauthgov.analyzer.identity.<org>=<executor client id>; oauthgov.analyzer.approval.hmac.key.file=...;",
                    "read on top of oauthgov.yaml."})
    Path settingsFile;

    @Option(names = "--application-id",
            description = "Kafka Streams application id; instances with the same id share the work (analyzer.applicationId).")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Local state directory (analyzer.stateDir; default: <tmp>/oauthgov-analyzer).")
    Path stateDir;

    @Option(names = "--replication-factor",
            description = "Replication of the analyzer's internal topics, at most the brokers (kafka.replicationFactor; default 3).")
    Integer replicationFactor;

    @Override
    public Integer call() throws Exception {
        Deployment deployment = kafka.deployment();
        DeploymentConfig config = deployment.config();
        Policy policy = policyFile != null ? Policies.load(policyFile, "--policy") : deployment.policy();
        AnalyzerSettings settings;
        try {
            settings = LegacyAnalyzerProperties.applyTo(deployment.analyzerSettings(), settingsFile, "--settings").build();
        } catch (SecretFiles.SecretFileException e) {
            throw e; // names the key file and how to fix it (Main maps it to exit 2)
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), "check approvals: in " + config.source());
        }
        int replication = replicationFactor != null ? replicationFactor : config.kafka().replicationFactor();
        if (replication < 1) {
            throw new UserError("--replication-factor must be at least 1", "e.g. --replication-factor 1 on a one-broker cluster");
        }
        String appId = applicationId != null ? applicationId : config.analyzer().applicationId();
        Topics topics = deployment.topics();
        StagePreflight.check(deployment.clientConfigs(), deployment.serdeConfigs(), replication, topics.clients(),
                topics.activity(), topics.integrations(), topics.approvals(), topics.risk(), topics.riskOcsf(), topics.candidates(),
                topics.deletionsApproved(), topics.rejected());
        AnalyzerApp.Config.Builder streams = AnalyzerApp.Config.builder(config.kafka().bootstrapServers())
                .applicationId(appId)
                .replicationFactor(replication)
                .schemaRegistryUrl(config.kafka().schemaRegistryUrl())
                .overrides(deployment.clientConfigs())
                .override("num.stream.threads", config.analyzer().streamThreads());
        Path dir = stateDir != null ? stateDir : config.analyzer().stateDir().orElse(null);
        if (dir != null) {
            streams.stateDir(dir);
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        MetricsEndpoint endpoint = metrics.start("analyzer", out, config.analyzer().metricsPort(), config.metrics().bind());
        try (endpoint; AnalyzerApp app = AnalyzerApp.start(streams.build(), policy, settings, endpoint.registry())) {
            endpoint.readiness(app.health());
            if (!app.awaitRunning(Duration.ofMinutes(2))) {
                throw new IllegalStateException("the analyzer did not reach RUNNING within 2 minutes (state " + app.state() + ")");
            }
            out.printf("analyzer %s running policy %s v%s; Ctrl-C to stop%n", appId, policy.id(), policy.version());
            out.flush();
            while (!stop.await(500, TimeUnit.MILLISECONDS)) {
                Optional<String> stoppedBy = app.awaitStopped(Duration.ZERO);
                if (stoppedBy.isPresent()) {
                    // Exit non-zero so a supervisor restarts it; the state stores resume from where it failed.
                    spec.commandLine().getErr().printf("analyzer %s stopped on its own (%s); exiting so it can be"
                            + " restarted%n", appId, stoppedBy.get());
                    return Main.FAILED;
                }
            }
        }
        return Main.OK;
    }
}
