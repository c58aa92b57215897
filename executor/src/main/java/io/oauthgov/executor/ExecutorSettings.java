package io.oauthgov.executor;

import io.oauthgov.executor.trust.ApprovalTrust;
import io.oauthgov.executor.trust.ExpiryRule;
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
 * @param stopWhenIdle stop once nothing arrived and nothing was in flight for this long (one-shot runs, the demo,
 *                     tests); a quarantine due within this time from then is waited for, so short ones still end in
 *                     their delete, while longer ones are left open — durable in the quarantine topic, the next run
 *                     ends them when due — and {@link GovernanceExecutor#leftOpen()} lists them; null runs until stopped
 * @param stopWhenCaughtUp stop as soon as every approval on the topic has been answered and committed and every
 *                         quarantine this instance could end has ended: its position has reached the topic's last
 *                         stable offsets with nothing in flight (one-shot runs whose approvals are all written before,
 *                         like the demo's: no idle time to wait out). Either rule ends the run, whichever holds first
 * @param trust the HMAC key and approvers the executor verifies every approval with (default: none, so nothing
 *              verifies and nothing changes)
 * @param expiryRule what an approval's expiry means for the delete that ends a quarantine begun under it
 * @param limits the blast-radius limits applied before each deactivation
 * @param activityLookback how far back the activity topic is read for use after an approval's judgement; an approval
 *                         judged earlier cannot be checked and is refused (INSUFFICIENT_EVIDENCE)
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
        Duration stopWhenIdle,
        boolean stopWhenCaughtUp,
        ApprovalTrust trust,
        ExpiryRule expiryRule,
        ExecutorLimits limits,
        Duration activityLookback) {

    public ExecutorSettings {
        Objects.requireNonNull(quarantine, "quarantine");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(transactionalId, "transactionalId");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(expiryRule, "expiryRule");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(activityLookback, "activityLookback");
        if (quarantine.isNegative() || maxInFlight < 1 || workersPerIdentity < 1) {
            throw new IllegalArgumentException("quarantine must not be negative; maxInFlight and workersPerIdentity must be positive");
        }
    }

    public static ExecutorSettings defaults() {
        return new ExecutorSettings(false, Duration.ofDays(7), "oauthgov-executor", "oauthgov-executor", null, 1_000,
                Duration.ofSeconds(30), 4, null, false, ApprovalTrust.none(), ExpiryRule.QUARANTINE_BEGUN_WHILE_VALID, ExecutorLimits.defaults(),
                Duration.ofDays(30));
    }

    public ExecutorSettings withExecute(boolean value) {
        return new ExecutorSettings(value, quarantine, groupId, transactionalId, killSwitchFile, maxInFlight, deleteConfirmTimeout, workersPerIdentity, stopWhenIdle, stopWhenCaughtUp, trust, expiryRule, limits, activityLookback);
    }

    public ExecutorSettings withQuarantine(Duration value) {
        return new ExecutorSettings(execute, value, groupId, transactionalId, killSwitchFile, maxInFlight, deleteConfirmTimeout, workersPerIdentity, stopWhenIdle, stopWhenCaughtUp, trust, expiryRule, limits, activityLookback);
    }

    public ExecutorSettings withGroupId(String value) {
        return new ExecutorSettings(execute, quarantine, value, transactionalId, killSwitchFile, maxInFlight, deleteConfirmTimeout, workersPerIdentity, stopWhenIdle, stopWhenCaughtUp, trust, expiryRule, limits, activityLookback);
    }

    public ExecutorSettings withTransactionalId(String value) {
        return new ExecutorSettings(execute, quarantine, groupId, value, killSwitchFile, maxInFlight, deleteConfirmTimeout, workersPerIdentity, stopWhenIdle, stopWhenCaughtUp, trust, expiryRule, limits, activityLookback);
    }

    public ExecutorSettings withKillSwitchFile(Path value) {
        return new ExecutorSettings(execute, quarantine, groupId, transactionalId, value, maxInFlight, deleteConfirmTimeout, workersPerIdentity, stopWhenIdle, stopWhenCaughtUp, trust, expiryRule, limits, activityLookback);
    }

    public ExecutorSettings withStopWhenIdle(Duration value) {
        return new ExecutorSettings(execute, quarantine, groupId, transactionalId, killSwitchFile, maxInFlight, deleteConfirmTimeout, workersPerIdentity, value, stopWhenCaughtUp, trust, expiryRule, limits, activityLookback);
    }

    public ExecutorSettings withStopWhenCaughtUp(boolean value) {
        return new ExecutorSettings(execute, quarantine, groupId, transactionalId, killSwitchFile, maxInFlight, deleteConfirmTimeout, workersPerIdentity, stopWhenIdle, value, trust, expiryRule, limits, activityLookback);
    }

    public ExecutorSettings withTrust(ApprovalTrust value) {
        return new ExecutorSettings(execute, quarantine, groupId, transactionalId, killSwitchFile, maxInFlight, deleteConfirmTimeout, workersPerIdentity, stopWhenIdle, stopWhenCaughtUp, value, expiryRule, limits, activityLookback);
    }

    public ExecutorSettings withExpiryRule(ExpiryRule value) {
        return new ExecutorSettings(execute, quarantine, groupId, transactionalId, killSwitchFile, maxInFlight, deleteConfirmTimeout, workersPerIdentity, stopWhenIdle, stopWhenCaughtUp, trust, value, limits, activityLookback);
    }

    public ExecutorSettings withLimits(ExecutorLimits value) {
        return new ExecutorSettings(execute, quarantine, groupId, transactionalId, killSwitchFile, maxInFlight, deleteConfirmTimeout, workersPerIdentity, stopWhenIdle, stopWhenCaughtUp, trust, expiryRule, value, activityLookback);
    }

    public ExecutorSettings withActivityLookback(Duration value) {
        return new ExecutorSettings(execute, quarantine, groupId, transactionalId, killSwitchFile, maxInFlight, deleteConfirmTimeout, workersPerIdentity, stopWhenIdle, stopWhenCaughtUp, trust, expiryRule, limits, value);
    }
}
