package io.oauthgov.executor;

import io.oauthgov.avro.QuarantineEntry;
import io.oauthgov.executor.work.Intents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lanes hand their intents to the executor's loop, which owns the transactional producer, and wait for the commit.
 * A lane whose intent is not committed within the timeout gets an exception and makes no call.
 */
final class IntentQueue implements Intents {
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);

    record Pending(QuarantineEntry intent, CompletableFuture<Void> committed) {}

    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();

    @Override
    public void record(QuarantineEntry intent) throws InterruptedException {
        Pending p = new Pending(intent, new CompletableFuture<>());
        pending.add(p);
        try {
            p.committed().get(COMMIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the intent for " + intent.getClientId() + " could not be committed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the intent for " + intent.getClientId() + " was not committed within " + COMMIT_TIMEOUT.toSeconds() + " s");
        }
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    List<Pending> drain() {
        List<Pending> drained = new ArrayList<>();
        for (Pending p; (p = pending.poll()) != null; ) {
            drained.add(p);
        }
        return drained;
    }
}
