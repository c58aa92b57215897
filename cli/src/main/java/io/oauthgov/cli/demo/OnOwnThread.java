package io.oauthgov.cli.demo;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Work the demo overlaps with its next steps (a start, a close): run on a named daemon thread of its own, which a
 * thread dump names and which never keeps the JVM alive, its result or failure kept in a future for whoever waits.
 */
final class OnOwnThread {
    private OnOwnThread() {}

    /** Starts the work on a daemon thread called {@code threadName}. */
    static <T> CompletableFuture<T> call(String threadName, Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> completeWith(result, work), threadName);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** Runs the work on the calling thread, completing {@code result} with what it returned or threw. */
    static <T> void completeWith(CompletableFuture<T> result, Callable<T> work) {
        try {
            result.complete(work.call());
        } catch (Throwable e) {
            result.completeExceptionally(e);
        }
    }

    /** Waits for the work's result, rethrowing what the work threw. */
    static <T> T await(CompletableFuture<T> result) throws Exception {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
