package io.oauthgov.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.oauthgov.executor.metrics.ExecutorReadiness;
import org.junit.jupiter.api.Test;

class ExecutorReadinessTest {
    private final ExecutorStats stats = new ExecutorStats();
    private final ExecutorReadiness readiness = new ExecutorReadiness(stats);

    @Test
    void readyOnlyWhileRunningWithPartitions() {
        stats.health(ExecutorHealth.RUNNING);
        stats.held(0, 3);

        assertThat(readiness.check().ready()).isTrue();
        assertThat(readiness.check().detail()).contains("owns 3 partition(s)");
    }

    @Test
    void aRunningInstanceWithoutPartitionsIsAStandbyNotReady() {
        stats.health(ExecutorHealth.RUNNING);
        stats.held(0, 0);

        assertThat(readiness.check().ready()).isFalse();
        assertThat(readiness.check().detail()).contains("owns no partition");
    }

    @Test
    void startingOrWithAnUnreadableControlPlaneIsNotReady() {
        assertThat(readiness.check().ready()).as("a new executor is STARTING").isFalse();
        stats.health(ExecutorHealth.CONTROL_PLANE_UNREADABLE);
        stats.held(0, 6);

        assertThat(readiness.check().ready()).isFalse();
        assertThat(readiness.check().detail()).contains("every change is stopped");
    }
}
