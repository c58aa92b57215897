package io.oauthgov.cli;

import io.oauthgov.analyzer.AnalyzerApp;
import io.oauthgov.cli.config.DeploymentConfig;
import io.oauthgov.cli.embedded.StreamsCatchUp;
import io.oauthgov.schemas.topics.TopicCatalog;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oauthgov status}: how far behind the analyzer and the executor are. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show how far the analyzer (analyzer.applicationId) and the executor (executor.groupId) are behind their",
                "inputs: records not yet processed. With --wait-caught-up, wait until the analyzer has processed everything",
                "on its inputs (exit 0) or the time is up (exit 1): what a script does before reading candidates."})
public final class StatusCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DeploymentOptions kafka;

    @Option(names = "--wait-caught-up", paramLabel = "DURATION", description = "Wait up to this long for the analyzer to catch up.")
    String waitCaughtUp;

    @Override
    public Integer call() throws Exception {
        Duration wait = waitCaughtUp == null ? null : TimeArguments.duration(waitCaughtUp, "--wait-caught-up", true);
        DeploymentConfig config = kafka.settings();
        String analyzer = config.analyzer().applicationId();
        String executor = config.executor().groupId();
        PrintWriter out = spec.commandLine().getOut();
        StagePreflight.check(kafka.clientConfigs(), null, 0, kafka.topics().clients(), kafka.topics().deletionsApproved());
        try (Admin admin = Admin.create(kafka.clientConfigs())) {
            List<String> inputs = AnalyzerApp.inputTopics(analyzer).stream()
                    .filter(topic -> exists(admin, topic)).toList();
            if (wait != null) {
                try {
                    StreamsCatchUp.await(admin, analyzer, inputs, wait);
                } catch (IllegalStateException e) {
                    out.printf("analyzer %s: not caught up within %s (%d records behind)%n", analyzer, waitCaughtUp,
                            total(StreamsCatchUp.lag(admin, analyzer, inputs)));
                    out.flush();
                    return Main.FAILED;
                }
            }
            out.printf("analyzer %s: %d records behind on %s%n", analyzer, total(StreamsCatchUp.lag(admin, analyzer, inputs)),
                    String.join(", ", inputs));
            out.printf("executor %s: %d approved deletions not yet taken%n", executor,
                    total(StreamsCatchUp.lag(admin, executor, List.of(TopicCatalog.DELETIONS_APPROVED.name()))));
            out.flush();
        }
        return Main.OK;
    }

    private static boolean exists(Admin admin, String topic) {
        try {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
        } catch (Exception e) {
            throw new IllegalStateException("cannot list topics: " + e.getMessage(), e);
        }
    }

    private static long total(Map<TopicPartition, Long> lag) {
        return lag.values().stream().mapToLong(l -> Math.max(0, l)).sum();
    }
}
