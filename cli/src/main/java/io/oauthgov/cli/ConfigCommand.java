package io.oauthgov.cli;

import io.oauthgov.cli.config.Deployment;
import io.oauthgov.cli.config.DeploymentConfig;
import io.oauthgov.cli.config.EffectiveConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oauthgov config}: the deployment file. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Check the deployment file (oauthgov.yaml).",
        subcommands = ConfigCommand.Check.class)
public final class ConfigCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Validate a deployment file with the environment and flags applied: every key, value and named file",
                    "(credentials, approval key, policy, Kafka client properties). Exit 0 when a deployment can start from it,",
                    "2 with every problem and its line otherwise. --show prints the effective configuration, secrets masked.",
                    "Nothing is contacted: no Kafka, no registry, no Genesys Cloud."})
    static final class Check implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        DeploymentOptions deployment;

        @Option(names = "--show", description = "Print the effective configuration (defaults filled in, every secret masked).")
        boolean show;

        @Override
        public Integer call() {
            Deployment loaded = deployment.deployment();
            DeploymentConfig config = loaded.config();
            List<String> problems = new ArrayList<>();
            check(problems, "policy", loaded::policy);
            check(problems, "approvals.keyFile", loaded::approvalKey);
            check(problems, "kafka.clientPropertiesFile", loaded::clientConfigs);
            for (DeploymentConfig.Org org : config.orgs()) {
                for (DeploymentConfig.Role role : DeploymentConfig.Role.values()) {
                    org.identity(role).credentialsFile().ifPresent(file -> check(problems,
                            org.orgId() + " " + role.name().toLowerCase(java.util.Locale.ROOT) + ".credentialsFile",
                            () -> io.oauthgov.genesys.ClientCredentials.fromFile(file,
                                    io.oauthgov.genesys.SecretFiles.insecureAllowed(System.getenv()))));
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (show) {
                out.print(EffectiveConfig.yaml(loaded));
            }
            if (!problems.isEmpty()) {
                throw new UserError(config.source() + ": " + String.join("; ", problems),
                        "fix the named files; `oauthgov config check --show` prints what each stage would use");
            }
            out.printf("%s: ok (%d org%s, %d approver list%s, approval key %s, policy %s)%n", config.source(), config.orgs().size(),
                    config.orgs().size() == 1 ? "" : "s", config.approvals().approvers().size(),
                    config.approvals().approvers().size() == 1 ? "" : "s", loaded.approvalKey().isPresent() ? "set" : "NOT set",
                    config.policyFile().map(Object::toString).orElse("shipped"));
            out.flush();
            return Main.OK;
        }

        private static void check(List<String> problems, String what, Runnable read) {
            try {
                read.run();
            } catch (RuntimeException e) {
                problems.add(what + ": " + e.getMessage());
            }
        }
    }
}
