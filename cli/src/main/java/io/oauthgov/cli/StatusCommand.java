package io.oauthgov.cli;

import io.oauthgov.analyzer.AnalyzerApp;
import io.oauthgov.cli.config.DeploymentConfig;
import io.oauthgov.cli.embedded.StreamsCatchUp;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
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
    /** Beyond this many records the count says "at least": exact enough for a backlog, bounded to read. */
    private static final long COUNT_CAP = 100_000;

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
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> inputs = AnalyzerApp.inputTopics(analyzer).stream().filter(existing::contains).toList();
            if (wait != null) {
                try {
                    StreamsCatchUp.await(admin, analyzer, inputs, wait);
                } catch (IllegalStateException e) {
                    out.printf("analyzer %s: not caught up within %s (%s records behind)%n", analyzer, waitCaughtUp,
                            PendingRecords.of(kafka.clientConfigs(), admin, analyzer, inputs, COUNT_CAP));
                    out.flush();
                    return Main.FAILED;
                }
            }
            out.printf("analyzer %s: %s records behind on %s%n", analyzer,
                    PendingRecords.of(kafka.clientConfigs(), admin, analyzer, inputs, COUNT_CAP), String.join(", ", inputs));
            out.printf("executor %s: %s approved deletions not yet taken%n", executor, PendingRecords.of(kafka.clientConfigs(),
                    admin, executor, List.of(kafka.topics().deletionsApproved().name()), COUNT_CAP));
            out.flush();
        }
        return Main.OK;
    }
}
