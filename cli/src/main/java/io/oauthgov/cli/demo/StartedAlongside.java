package io.oauthgov.cli.demo;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A resource started on a thread of its own while the demo's main thread starts something else (the broker), so
 * independent start-up work overlaps. {@link #await} hands it over; from then on the caller owns and closes it.
 * Closing this before the hand-over (the other start-up failed) closes the resource once it has started, so an
 * early failure leaves no server running.
 */
final class StartedAlongside<T extends AutoCloseable> implements AutoCloseable {
    private final CompletableFuture<T> started;
    private final AtomicReference<Duration> took;
    private volatile boolean handedOver;

    private StartedAlongside(CompletableFuture<T> started, AtomicReference<Duration> took) {
        this.started = started;
        this.took = took;
    }

    /** @param starter how the resource is started; may throw whatever its constructor throws */
    static <T extends AutoCloseable> StartedAlongside<T> start(String threadName, Callable<T> starter) {
        AtomicReference<Duration> took = new AtomicReference<>(Duration.ZERO);
        CompletableFuture<T> started = OnOwnThread.call(threadName, () -> {
            long begin = System.nanoTime();
            T resource = starter.call();
            took.set(Duration.ofNanos(System.nanoTime() - begin));
            return resource;
        });
        return new StartedAlongside<>(started, took);
    }

    /** Waits for the resource and hands it over to the caller, rethrowing what its start threw. */
    T await() throws Exception {
        T resource = OnOwnThread.await(started);
        handedOver = true;
        return resource;
    }

    /** How long the start took on its own thread. */
    Duration took() {
        return took.get();
    }

    /** Closes the resource when it was never handed over (a start-up failed before {@link #await}). */
    @Override
    public void close() throws Exception {
        if (handedOver) {
            return;
        }
        try {
            started.join().close();
        } catch (CompletionException e) {
            // it failed to start: nothing to close, and the failure that matters is the caller's
        }
    }
}
