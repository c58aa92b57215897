package io.oauthgov.executor;

import io.oauthgov.genesys.GenesysClient;
import java.util.Collection;
import java.util.stream.Collectors;

/** One progress line: outcomes so far, and each identity's calls, 429s and the budget its governor allows now. */
public final class ExecutorProgress {
    private ExecutorProgress() {}

    public static String line(ExecutorStats stats, Collection<GenesysClient> identities) {
        String kinds = stats.outcomes().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey().name() + " " + e.getValue()).collect(Collectors.joining(", "));
        String budgets = identities.stream().map(api -> api.identity() + ": " + api.metrics().calls() + " calls, "
                + api.metrics().throttled() + " x 429, budget " + api.currentBudget() + "/window").collect(Collectors.joining("; "));
        return stats.health() + " | " + (kinds.isEmpty() ? "no outcomes yet" : kinds) + " | " + budgets;
    }
}
