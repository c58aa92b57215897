package io.oauthgov.cli.demo;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A resource started on a thread of its own while the demo's main thread starts something else (the broker), so
 * independent start-up work overlaps. {@link #await} hands it over; from then on the caller owns and closes it.
 * Closing this before the hand-over (the other start-up failed) closes the resource once it has started, so an
 * early failure leaves no server running.
 */
final class StartedAlongside<T extends AutoCloseable> implements AutoCloseable {
    /** How a resource is started; may throw whatever its constructor throws. */
    @FunctionalInterface
    interface Starter<T> {
        T start() throws Exception;
    }

    private final CompletableFuture<T> started = new CompletableFuture<>();
    private volatile Duration took = Duration.ZERO;
    private volatile boolean handedOver;

    private StartedAlongside() {}

    static <T extends AutoCloseable> StartedAlongside<T> start(String threadName, Starter<T> starter) {
        StartedAlongside<T> alongside = new StartedAlongside<>();
        Thread thread = new Thread(() -> {
            long begin = System.nanoTime();
            try {
                T resource = starter.start();
                alongside.took = Duration.ofNanos(System.nanoTime() - begin);
                alongside.started.complete(resource);
            } catch (Throwable e) {
                alongside.started.completeExceptionally(e);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return alongside;
    }

    /** Waits for the resource and hands it over to the caller, rethrowing what its start threw. */
    T await() throws Exception {
        try {
            T resource = started.get();
            handedOver = true;
            return resource;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** How long the start took on its own thread. */
    Duration took() {
        return took;
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
