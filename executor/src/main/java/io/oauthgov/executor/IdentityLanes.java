package io.oauthgov.executor;

import io.oauthgov.genesys.ApiIdentity;
import io.oauthgov.genesys.GenesysClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A few worker threads per API identity. Every call of an identity still passes its one governor, which serialises
 * and paces them, so more workers never means a burst; they let one approval's call go out while another waits for
 * an asynchronous usage query or a delete confirmation. A lane waiting out a Retry-After, a circuit breaker or a
 * kill switch holds up no other identity. Two pieces of work for the same client never run at once: the executor
 * admits one per client.
 */
final class IdentityLanes implements AutoCloseable {
    interface Work {
        void run() throws InterruptedException;
    }

    private final Map<ApiIdentity, ExecutorService> lanes = new ConcurrentHashMap<>();
    private final int workersPerIdentity;

    IdentityLanes(int workersPerIdentity) {
        this.workersPerIdentity = workersPerIdentity;
    }

    void submit(GenesysClient api, Work work) {
        lanes.computeIfAbsent(api.identity(), identity -> Executors.newFixedThreadPool(workersPerIdentity, r -> {
            Thread thread = new Thread(r, "oauthgov-executor-" + identity);
            thread.setDaemon(true);
            return thread;
        })).execute(() -> {
            try {
                work.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // shutting down: the approval stays uncommitted and comes back
            }
        });
    }

    /** Interrupts whatever is waiting (pacing, kill switch); calls already on the wire finish or time out. */
    @Override
    public void close() throws InterruptedException {
        lanes.values().forEach(ExecutorService::shutdownNow);
        for (ExecutorService lane : lanes.values()) {
            lane.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
