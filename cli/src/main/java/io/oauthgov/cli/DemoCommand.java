package io.oauthgov.cli;

import io.oauthgov.cli.demo.DemoOptions;
import io.oauthgov.cli.demo.DemoRun;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code oauthgov demo}: the whole pipeline in one process against a simulated organization. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "The whole pipeline in one process against a simulated organization.",
        description = {"Run the pipeline in one process: a real embedded Kafka broker, an in-process schema registry, a",
                "simulated Genesys Cloud organization, the collector, the analyzer, a simulated approval system (some",
                "approvals rejected, one expired, one forged) and the executor (dry run unless --execute; the quarantine",
                "is shortened to 5 s). Writes report.json, report.html, truth.json and deleted.json to --report. Exits 1",
                "if a verdict disagrees with the ground truth or any protected or in-use client was deleted."})
public final class DemoCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--orgs", defaultValue = "1", description = "Simulated organizations (default: ${DEFAULT-VALUE}).")
    int orgs;

    @Option(names = "--clients", defaultValue = "2000", description = "OAuth clients per organization (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--report", defaultValue = "oauthgov-report", description = "Report directory (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--execute", description = "Really deactivate, quarantine and delete approved clients in the simulator (default: dry run).")
    boolean execute;

    @Override
    public Integer call() throws Exception {
        if (orgs < 1 || orgs > 50 || clients < 1 || clients > 100_000) {
            throw new UserError("--orgs must be 1..50 and --clients 1..100000", "the default is --orgs 1 --clients 2000");
        }
        return new DemoRun(new DemoOptions(orgs, clients, seed, report, execute), spec.commandLine().getOut()).run();
    }
}
