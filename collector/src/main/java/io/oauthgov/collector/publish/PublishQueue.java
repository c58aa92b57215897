package io.oauthgov.collector.publish;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One org's Kafka transactions, in order, on a thread of their own: the org's identity goes on spending its rate
 * budget (reading the next usage batch, the audit results) while a transaction commits, instead of waiting for the
 * broker. At most one transaction runs while the caller prepares the next — {@link #submit} first waits for the
 * previous one — so memory holds two batches at most, and a failure (a fenced producer, a broken broker) surfaces
 * at the next submit or at {@link #awaitAll}, as the exception the transaction threw.
 */
public final class PublishQueue implements AutoCloseable {
    private final ExecutorService thread;
    private Future<?> last = CompletableFuture.completedFuture(null);

    public PublishQueue(String orgId) {
        this.thread = Executors.newSingleThreadExecutor(work -> {
            Thread t = new Thread(work, "oauthgov-collector-publish-" + orgId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Waits for the previous transaction, then starts {@code publish}; its result is {@link #result}'s to read. */
    public <T> Future<T> submit(Callable<T> publish) {
        awaitAll();
        Future<T> next = thread.submit(publish);
        last = next;
        return next;
    }

    public Future<Void> submit(Runnable publish) {
        return submit(() -> {
            publish.run();
            return null;
        });
    }

    /** Waits until every submitted transaction committed. */
    public void awaitAll() {
        result(last);
    }

    /** The transaction's result once it committed; its own exception if it failed. */
    public static <T> T result(Future<T> publication) {
        try {
            return publication.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
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
