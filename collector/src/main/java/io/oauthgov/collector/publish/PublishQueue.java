package io.oauthgov.collector.publish;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * One org's Kafka transactions, in the order they are submitted (by either of the org's lanes), on a thread of their
 * own: the org's identity goes on spending its rate budget (reading the next usage batch, the audit results) while a
 * transaction commits, instead of waiting for the broker. Memory stays bounded: {@link #submit} waits while more than {@link #MAX_PENDING_RECORDS} records are
 * still to be committed. A failure (a fenced producer, a broken broker) surfaces at the next submit or at
 * {@link #awaitAll}, as the exception the transaction threw.
 */
public final class PublishQueue implements AutoCloseable {
    /** About 25 MB of evidence records: a usage batch or two of a large org, many of a small one. */
    static final int MAX_PENDING_RECORDS = 50_000;

    private final ExecutorService thread;
    private final Semaphore pending = new Semaphore(MAX_PENDING_RECORDS);
    /** The transaction queued last (by whichever lane): once it is done, so is every one before it. */
    private volatile Future<?> last = CompletableFuture.completedFuture(null);
    private volatile RuntimeException failure;

    public PublishQueue(String orgId) {
        this.thread = Executors.newSingleThreadExecutor(work -> {
            Thread t = new Thread(work, "oauthgov-collector-publish-" + orgId);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Queues {@code publish}, a transaction of about {@code records} records, behind the ones before it; waits first
     * while too many records are still to be committed. Its result is {@link #result}'s to read.
     */
    public <T> Future<T> submit(int records, Callable<T> publish) {
        rethrowFailure();
        int permits = Math.max(1, Math.min(records, MAX_PENDING_RECORDS));
        try {
            pending.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted while waiting to publish");
        }
        synchronized (this) { // two lanes submit: queue order and the last one's record must agree
            Future<T> next = thread.submit(() -> {
                try {
                    return publish.call();
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                    throw e;
                } finally {
                    pending.release(permits);
                }
            });
            last = next;
            return next;
        }
    }

    public Future<Void> submit(int records, Runnable publish) {
        return submit(records, () -> {
            publish.run();
            return null;
        });
    }

    /** Waits until every queued transaction committed; the first failure if one did not. */
    public void awaitAll() {
        result(last);
        rethrowFailure();
    }

    private void rethrowFailure() {
        if (failure != null) {
            throw failure;
        }
    }

    /** The transaction's result once it committed; its own exception if it failed. */
    public static <T> T result(Future<T> publication) {
        try {
            return publication.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("publishing failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted while publishing");
        }
    }

    /** Lets a transaction still running finish (interrupting the producer mid-commit would only confuse it). */
    @Override
    public void close() {
        thread.shutdown();
    }
}
