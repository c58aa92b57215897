package io.oauthgov.cli.demo;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A resource the demo is done with before its run ends, closed on a thread of its own so that its shutdown (the
 * analyzer's: stream threads ending their loops, producers and RocksDB closing, leaving the group, about 1.5 s)
 * overlaps the next steps instead of delaying them. {@link #close} waits for that close, so the resource is gone
 * before what it depends on (the broker) is closed; without {@link #closeInBackground} it closes there itself.
 */
final class ClosedAlongside<T extends AutoCloseable> implements AutoCloseable {
    private final T resource;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private boolean closing;

    ClosedAlongside(T resource) {
        this.resource = resource;
    }

    T get() {
        return resource;
    }

    /** Starts closing the resource on a daemon thread; the caller must not use it afterwards. */
    synchronized void closeInBackground(String threadName) {
        if (closing) {
            return;
        }
        closing = true;
        Thread thread = new Thread(this::closeResource, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for the background close, or closes the resource now; rethrows what its close threw. */
    @Override
    public void close() throws Exception {
        boolean closeHere;
        synchronized (this) {
            closeHere = !closing;
            closing = true;
        }
        if (closeHere) {
            closeResource();
        }
        try {
            closed.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void closeResource() {
        try {
            resource.close();
            closed.complete(null);
        } catch (Throwable e) {
            closed.completeExceptionally(e);
        }
    }
}
