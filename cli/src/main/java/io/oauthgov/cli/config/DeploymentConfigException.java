package io.oauthgov.cli.config;

import java.util.List;
import java.util.stream.Collectors;

/** A deployment file that cannot be used; lists every problem at once, each with its key and line. */
public final class DeploymentConfigException extends RuntimeException {
    private final List<ConfigProblem> problems;

    public DeploymentConfigException(String source, List<ConfigProblem> problems) {
        super(source + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":\n  "
                + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
