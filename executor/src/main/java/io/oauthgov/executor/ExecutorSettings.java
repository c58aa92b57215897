package io.oauthgov.executor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How an executor instance behaves.
 *
 * @param execute false (the default) stops every approval at the live re-check with {@code DRY_RUN}: nothing is changed
 * @param quarantine how long a deactivated client is watched before the irreversible DELETE (the policy's
 *                   {@code quarantineDays}; the demo shortens it to seconds)
 * @param groupId consumer group of {@code governance.deletions.approved}; instances sharing it share the identities
 * @param transactionalId prefix of the transactional id; a restarted instance with the same id fences its predecessor
 * @param killSwitchFile while this file exists no client is deactivated, deleted or restored (null: topic only)
 * @param maxInFlight approvals handed to identity lanes but not yet committed; above it consumption pauses
 * @param deleteConfirmTimeout how long to read after a DELETE for the platform to show it
 * @param workersPerIdentity approvals of one identity worked on at once; its calls stay paced by its one governor
 * @param stopWhenIdle stop once nothing arrived, nothing is in flight and no quarantine is open for this long
 *                     (one-shot runs, the demo, tests); null runs until stopped
 */
public record ExecutorSettings(
        boolean execute,
        Duration quarantine,
        String groupId,
        String transactionalId,
        Path killSwitchFile,
        int maxInFlight,
        Duration deleteConfirmTimeout,
        int workersPerIdentity,
        Duration stopWhenIdle) {

    public ExecutorSettings {
        Objects.requireNonNull(quarantine, "quarantine");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(transactionalId, "transactionalId");
        if (quarantine.isNegative() || maxInFlight < 1 || workersPerIdentity < 1) {
            throw new IllegalArgumentException("quarantine must not be negative; maxInFlight and workersPerIdentity must be positive");
        }
    }

    public static ExecutorSettings defaults() {
        return new ExecutorSettings(false, Duration.ofDays(7), "oauthgov-executor", "oauthgov-executor", null, 1_000,
                Duration.ofSeconds(30), 4, null);
    }

    public ExecutorSettings withExecute(boolean value) {
        return new ExecutorSettings(value, quarantine, groupId, transactionalId, killSwitchFile, maxInFlight, deleteConfirmTimeout, workersPerIdentity, stopWhenIdle);
    }

    public ExecutorSettings withQuarantine(Duration value) {
        return new ExecutorSettings(execute, value, groupId, transactionalId, killSwitchFile, maxInFlight, deleteConfirmTimeout, workersPerIdentity, stopWhenIdle);
    }

    public ExecutorSettings withGroupId(String value) {
        return new ExecutorSettings(execute, quarantine, value, transactionalId, killSwitchFile, maxInFlight, deleteConfirmTimeout, workersPerIdentity, stopWhenIdle);
    }

    public ExecutorSettings withTransactionalId(String value) {
        return new ExecutorSettings(execute, quarantine, groupId, value, killSwitchFile, maxInFlight, deleteConfirmTimeout, workersPerIdentity, stopWhenIdle);
    }

    public ExecutorSettings withKillSwitchFile(Path value) {
        return new ExecutorSettings(execute, quarantine, groupId, transactionalId, value, maxInFlight, deleteConfirmTimeout, workersPerIdentity, stopWhenIdle);
    }

    public ExecutorSettings withStopWhenIdle(Duration value) {
        return new ExecutorSettings(execute, quarantine, groupId, transactionalId, killSwitchFile, maxInFlight, deleteConfirmTimeout, workersPerIdentity, value);
    }
}
