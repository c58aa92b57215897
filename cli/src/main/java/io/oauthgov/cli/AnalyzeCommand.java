package io.oauthgov.cli;

import io.oauthgov.analyzer.AnalyzerApp;
import io.oauthgov.analyzer.AnalyzerSettings;
import io.oauthgov.analyzer.policy.Policy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oauthgov analyze}: the Kafka Streams analyzer, running until interrupted. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        header = "The Kafka Streams analyzer: risk events, candidates, the approval gate.",
        description = {"Run the analyzer (Kafka Streams, exactly-once v2): evaluate the policy on every client, publish risk",
                "events and deletion candidates, and pass or reject approvals. Runs until interrupted."})
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--policy", paramLabel = "FILE", description = "Policy YAML (default: the shipped default policy).")
    Path policyFile;

    @Option(names = "--settings", paramLabel = "FILE",
            description = {"Analyzer settings (properties): oauthgov.analyzer.approvers.<org|*>=a,b;",
                    "oauthgov.analyzer.identity.<org>=<executor client id>; oauthgov.analyzer.approval.hmac.key.file=..."})
    Path settingsFile;

    @Option(names = "--application-id", defaultValue = AnalyzerApp.DEFAULT_APPLICATION_ID,
            description = "Kafka Streams application id; instances with the same id share the work (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Local state directory (default: <tmp>/oauthgov-analyzer).")
    Path stateDir;

    @Option(names = "--replication-factor", defaultValue = "3", description = "Replication of internal topics (default: ${DEFAULT-VALUE}).")
    int replicationFactor;

    @Override
    public Integer call() throws Exception {
        Policy policy = Policies.load(policyFile, "--policy");
        AnalyzerSettings settings = AnalyzerSettings.fromProperties(loadSettings(), System.getenv());
        AnalyzerApp.Config.Builder config = AnalyzerApp.Config.builder(kafka.bootstrapServers)
                .applicationId(applicationId)
                .replicationFactor(replicationFactor)
                .schemaRegistryUrl(kafka.schemaRegistryUrl())
                .overrides(kafka.clientConfigs());
        if (stateDir != null) {
            config.stateDir(stateDir);
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        MetricsEndpoint endpoint = metrics.start("analyzer", out);
        try (endpoint; AnalyzerApp app = AnalyzerApp.start(config.build(), policy, settings, endpoint.registry())) {
            endpoint.readiness(app.health());
            if (!app.awaitRunning(Duration.ofMinutes(2))) {
                throw new IllegalStateException("the analyzer did not reach RUNNING within 2 minutes (state " + app.state() + ")");
            }
            out.printf("analyzer %s running policy %s v%s; Ctrl-C to stop%n", applicationId, policy.id(), policy.version());
            out.flush();
            stop.await();
        }
        return Main.OK;
    }

    private Map<String, String> loadSettings() {
        Map<String, String> settings = new HashMap<>();
        if (settingsFile == null) {
            return settings;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(settingsFile)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UserError("cannot read --settings " + settingsFile + ": " + e.getClass().getSimpleName(), "pass a readable properties file");
        }
        properties.forEach((k, v) -> settings.put(k.toString(), v.toString()));
        return settings;
    }
}
