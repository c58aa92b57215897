package io.oauthgov.collector.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One org's Kafka transactions, in the order they are submitted (by either of the org's lanes), on a thread of their
 * own: the org's identity goes on spending its rate budget (reading the next usage batch, the audit results) while a
 * transaction commits, instead of waiting for the broker. The thread first opens the org's producer, so that too
 * happens while the lanes already call the API.
 *
 * <p>What was submitted while the previous transaction committed goes out together, in one transaction, in submit
 * order: each publication's records (a usage batch and the checkpoint that covers it, say) stay atomic with each
 * other and with what precedes them, and a crash loses no more than before, since whatever waited here was only in
 * memory anyway. A transaction costs the broker and the producer several round trips and a marker per partition
 * whatever its size, so when 20 orgs publish at once this is what keeps the broker from starving the API calls.
 *
 * <p>Memory stays bounded: {@link #submit} waits while more than {@link #MAX_PENDING_RECORDS} records are still to be
 * committed. A failure (a fenced producer, a broken broker) fails the publications of that transaction and of every
 * later one, unpublished: a later checkpoint would claim the coverage of the evidence that failed. It surfaces at the
 * next submit or at {@link #awaitAll}, as the exception the transaction threw.
 */
public final class PublishQueue implements AutoCloseable {
    /**
     * A usage batch or two of a large org, many of a small one. Held as objects these are about 950 bytes each (an
     * evidence record with its strings, measured in BENCHMARKS.md session 11), so about 48 MB per org being collected.
     */
    static final int MAX_PENDING_RECORDS = 50_000;

    /** What one submit asked for: its sends, what to do once they committed, and its result. */
    private record Publication<T>(int permits, Function<CollectorPublisher, T> sends, Consumer<T> committed,
                                  CompletableFuture<T> result) {
        void stage(CollectorPublisher publisher, List<Runnable> afterCommit) {
            T value = sends.apply(publisher);
            afterCommit.add(() -> {
                committed.accept(value);
                result.complete(value);
            });
        }
    }

    private final ExecutorService thread;
    private final CompletableFuture<CollectorPublisher> publisher;
    private final Semaphore pending = new Semaphore(MAX_PENDING_RECORDS);
    private final Queue<Publication<?>> waiting = new ConcurrentLinkedQueue<>();
    /** The publication queued last (by whichever lane): once it is done, so is every one before it. */
    private volatile Future<?> last = CompletableFuture.completedFuture(null);
    private volatile RuntimeException failure;

    /** @param open opens the org's producer, on the queue's thread, before its first transaction */
    public PublishQueue(String orgId, Supplier<CollectorPublisher> open) {
        this.thread = Executors.newSingleThreadExecutor(work -> {
            Thread t = new Thread(work, "oauthgov-collector-publish-" + orgId);
            t.setDaemon(true);
            return t;
        });
        this.publisher = CompletableFuture.supplyAsync(open, thread);
    }

    /**
     * Queues {@code sends}, about {@code records} records, behind the publications before it; waits first while too
     * many records are still to be committed. The future is its result once the transaction that holds it committed.
     */
    public <T> Future<T> submit(int records, Function<CollectorPublisher, T> sends) {
        return submit(records, sends, value -> { });
    }

    /** As {@link #submit(int, Function)}; {@code committed} runs on the queue's thread once the sends committed. */
    public Future<Void> submit(int records, Consumer<CollectorPublisher> sends, Runnable committed) {
        return submit(records, p -> {
            sends.accept(p);
            return null;
        }, value -> committed.run());
    }

    private <T> Future<T> submit(int records, Function<CollectorPublisher, T> sends, Consumer<T> committed) {
        rethrowFailure();
        int permits = Math.max(1, Math.min(records, MAX_PENDING_RECORDS));
        try {
            pending.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting to publish");
        }
        Publication<T> publication = new Publication<>(permits, sends, committed, new CompletableFuture<>());
        synchronized (this) { // two lanes submit: queue order and the last one's record must agree
            waiting.add(publication);
            last = publication.result();
        }
        thread.execute(this::publishWaiting);
        return publication.result();
    }

    /** Everything waiting, in one transaction; a no-op when an earlier run took it all already. */
    private void publishWaiting() {
        List<Publication<?>> batch = new ArrayList<>();
        for (Publication<?> next = waiting.poll(); next != null; next = waiting.poll()) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            if (failure != null) {
                throw failure;
            }
            CollectorPublisher open = opened();
            List<Runnable> afterCommit = new ArrayList<>();
            open.inTransaction(() -> batch.forEach(publication -> publication.stage(open, afterCommit)));
            afterCommit.forEach(Runnable::run);
        } catch (RuntimeException e) {
            failure = failure == null ? e : failure;
            batch.forEach(publication -> publication.result().completeExceptionally(e));
        } catch (Error e) { // nobody waits for ever on a publication that will never commit
            failure = failure == null ? new IllegalStateException("publishing failed", e) : failure;
            batch.forEach(publication -> publication.result().completeExceptionally(e));
            throw e;
        } finally {
            batch.forEach(publication -> pending.release(publication.permits()));
        }
    }

    private CollectorPublisher opened() {
        try {
            return publisher.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Waits until every queued publication committed; the first failure if one did not. */
    public void awaitAll() {
        result(last);
        rethrowFailure();
    }

    private void rethrowFailure() {
        if (failure != null) {
            throw failure;
        }
    }

    /** The publication's result once it committed; its own exception if it failed. */
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
            throw new CancellationException("interrupted while publishing");
        }
    }

    /** Lets a transaction still running finish (interrupting the producer mid-commit would only confuse it). */
    @Override
    public void close() {
        thread.shutdown();
    }
}
