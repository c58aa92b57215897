package io.oauthgov.cli.demo;

import java.util.concurrent.CompletableFuture;

/**
 * A resource the demo is done with before its run ends, closed on a thread of its own so that its shutdown (the
 * analyzer's: stream threads ending their loops, producers and RocksDB closing, leaving the group, about 1.5 s)
 * overlaps the next steps instead of delaying them. {@link #close} waits for that close, so the resource is gone
 * before what it depends on (the broker) is closed; without {@link #closeInBackground} it closes there itself.
 */
final class ClosedAlongside<T extends AutoCloseable> implements AutoCloseable {
    private final T resource;
    /** The one close of the resource, once it has begun (in the background or in {@link #close}); guarded by this. */
    private CompletableFuture<Void> closed;

    ClosedAlongside(T resource) {
        this.resource = resource;
    }

    T get() {
        return resource;
    }

    /** Starts closing the resource on a daemon thread; the caller must not use it afterwards. */
    synchronized void closeInBackground(String threadName) {
        if (closed == null) {
            closed = OnOwnThread.call(threadName, this::closeResource);
        }
    }

    /** Waits for the background close, or closes the resource now; rethrows what its close threw. */
    @Override
    public void close() throws Exception {
        CompletableFuture<Void> closeHere = new CompletableFuture<>();
        CompletableFuture<Void> closing;
        synchronized (this) {
            if (closed == null) {
                closed = closeHere;
            }
            closing = closed;
        }
        if (closing == closeHere) {
            OnOwnThread.completeWith(closeHere, this::closeResource);
        }
        OnOwnThread.await(closing);
    }

    private Void closeResource() throws Exception {
        resource.close();
        return null;
    }
}
