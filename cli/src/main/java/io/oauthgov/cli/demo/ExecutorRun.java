package io.oauthgov.cli.demo;

import io.oauthgov.executor.ExecutorStats;
import io.oauthgov.genesys.GenesysClient;
import java.util.List;

/** What the demo's executor run did, with the identities whose calls and 429s the summary reports. */
public record ExecutorRun(ExecutorStats stats, List<GenesysClient> identities) {

    public long calls() {
        return identities.stream().mapToLong(i -> i.metrics().calls()).sum();
    }

    public long throttled() {
        return identities.stream().mapToLong(i -> i.metrics().throttled()).sum();
    }
}
