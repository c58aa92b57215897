package io.oauthgov.cli;

import io.oauthgov.analyzer.policy.Policy;
import io.oauthgov.cli.replay.PolicyBacktest;
import io.oauthgov.cli.replay.PolicyComparison;
import io.oauthgov.cli.replay.RecordedHistory;
import io.oauthgov.cli.replay.ReplayReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code oauthgov replay}: a what-if backtest of a policy on recorded history, side-effect free. It reads the
 * clients, activity and integrations topics with plain assigned consumers (no group, no commits), evaluates the
 * baseline and the new policy in memory with the analyzer's own evaluator, and prints how they differ. Nothing is
 * produced and no topic is created, so it is safe to run against production.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        header = "What-if backtest of a policy on the recorded topics (read-only).",
        description = {"What-if backtest: evaluate a new policy and a baseline on the recorded topics and show the difference —",
                "candidates only one of them flags (with reasons), risk severity changes, and clients the new policy would",
                "have proposed inside the window although they were used again afterwards. Reads only: no consumer group,",
                "no offsets committed, nothing produced."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the comparison was printed",
            "1:the recorded topics could not be read (broker or schema registry unreachable, timeout)",
            "2:invalid usage: unreadable or invalid policy, bad time, --from not before --as-of, topics missing"})
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DeploymentOptions kafka;

    @Option(names = "--policy", paramLabel = "FILE", required = true, description = "The new policy YAML to try.")
    Path policyFile;

    @Option(names = "--baseline-policy", paramLabel = "FILE",
            description = "The policy to compare against (default: the shipped default policy).")
    Path baselineFile;

    @Option(names = "--from", paramLabel = "TIME", defaultValue = "30d",
            description = {"Start of the backtest window: an ISO instant, a UTC date, or an age before --as-of such as 30d",
                    "(default: ${DEFAULT-VALUE}). Older evidence still counts as use; the window is where proposals are",
                    "checked against later use."})
    String from;

    @Option(names = "--as-of", paramLabel = "TIME",
            description = {"Judge every client as of this time: later evidence and clients created later are ignored",
                    "(default: now). An ISO instant, a UTC date, or an age before now such as 7d."})
    String asOf;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the full comparison (every client listed) as JSON.")
    Path jsonFile;

    @Option(names = "--limit", defaultValue = "25", description = "Clients listed per section on the terminal (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--timeout", defaultValue = "2m", paramLabel = "DURATION",
            description = "How long reading each topic may take (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() throws IOException {
        // Everything the user can get wrong is checked before Kafka is contacted.
        Policy proposed = Policies.load(policyFile, "--policy");
        Policy baseline = Policies.load(baselineFile, "--baseline-policy");
        PolicyBacktest.Window window = window(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Duration readTimeout = TimeArguments.duration(timeout, "--timeout", false);
        if (limit < 0) {
            throw new UserError("--limit must be 0 or more", "e.g. --limit 50");
        }
        if (jsonFile != null && jsonFile.getParent() != null && !Files.isDirectory(jsonFile.getParent())) {
            throw new UserError("--json " + jsonFile + ": directory " + jsonFile.getParent() + " does not exist", "create it first");
        }

        RecordedHistory history;
        try {
            history = RecordedHistory.read(kafka.topics(), kafka.clientConfigs(), readTimeout);
        } catch (RecordedHistory.MissingTopicsException e) {
            throw new UserError(e.getMessage(), "point --bootstrap-servers at the pipeline's cluster; `oauthgov collect` "
                    + "and `oauthgov registry import` fill these topics");
        }
        PolicyComparison comparison = PolicyComparison.of(PolicyBacktest.run(baseline, history, window),
                PolicyBacktest.run(proposed, history, window));
        ReplayReport report = new ReplayReport(comparison, history, limit);
        report.print(spec.commandLine().getOut());
        if (jsonFile != null) {
            report.writeJson(jsonFile);
            spec.commandLine().getOut().printf("%nJSON: %s%n", jsonFile.toAbsolutePath());
        }
        return Main.OK;
    }

    private PolicyBacktest.Window window(Instant now) {
        Instant end = asOf == null ? now : TimeArguments.instant(asOf, "--as-of", now);
        if (end.isAfter(now)) {
            throw new UserError("--as-of " + asOf + " is in the future", "a backtest judges the past; leave --as-of out for now");
        }
        Instant start = TimeArguments.instant(from, "--from", end);
        if (!start.isBefore(end)) {
            throw new UserError("--from " + start + " is not before --as-of " + end, "the window must have a length, e.g. --from 30d");
        }
        return new PolicyBacktest.Window(start, end);
    }
}
