package io.oauthgov.bench.executor;

import io.oauthgov.bench.Scale;
import java.time.Duration;

/**
 * Sizes of the executor benchmarks. The simulator's limit is a sliding window; a run spans several windows so an
 * initial burst cannot flatter the rate.
 */
record ExecutorScale(int approvalsPerIdentity, int limitPerWindow, Duration window, int latencyApprovals) {
    static ExecutorScale of(Scale scale) {
        // 50 calls/s per identity: about 12 s (quick) or 30 s (full) per run, i.e. 6 or 15 windows of 2 s
        return scale.quick() ? new ExecutorScale(600, 100, Duration.ofSeconds(2), 200)
                : new ExecutorScale(1_500, 100, Duration.ofSeconds(2), 600);
    }
}
