package io.oauthgov.cli;

import io.oauthgov.analyzer.policy.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code oauthgov policy}: the governance policy. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "The governance policy.",
        subcommands = PolicyCommand.Show.class)
public final class PolicyCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Print the shipped policy, comments included: copy it, edit it and name it as policyFile in",
                    "oauthgov.yaml (or --policy); `oauthgov replay --policy FILE` tries it on recorded history first."})
    static final class Show implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            try (InputStream in = PolicyLoader.class.getResourceAsStream(PolicyLoader.DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the shipped policy is missing from this build");
                }
                spec.commandLine().getOut().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                spec.commandLine().getOut().flush();
            }
            return Main.OK;
        }
    }
}
