package io.oauthgov.executor.metrics;

import io.oauthgov.executor.ExecutorHealth;
import io.oauthgov.executor.ExecutorStats;
import io.oauthgov.metrics.Readiness;

/**
 * The executor is ready while it runs with its control plane read and owns partitions of the approved deletions,
 * i.e. some identities' approvals are its to act on. An instance that owns none is a healthy standby, not ready.
 */
public final class ExecutorReadiness implements Readiness {
    private final ExecutorStats stats;

    public ExecutorReadiness(ExecutorStats stats) {
        this.stats = stats;
    }

    @Override
    public Status check() {
        ExecutorHealth health = stats.health();
        int partitions = stats.ownedPartitions();
        return switch (health) {
            case RUNNING -> partitions > 0
                    ? Status.ready("executor RUNNING, owns " + partitions + " partition(s) of the approved deletions")
                    : Status.notReady("executor RUNNING but owns no partition of the approved deletions (other instances have them)");
            case STARTING -> Status.notReady("executor STARTING: reading its committed state, waiting for partitions");
            case CONTROL_PLANE_UNREADABLE -> Status.notReady("executor CONTROL_PLANE_UNREADABLE: the registry or the control topic "
                    + "cannot be read, every change is stopped");
            case STOPPED -> Status.notReady("executor STOPPED");
        };
    }
}
