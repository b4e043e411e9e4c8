package io.quarry.engine.query;

import java.util.concurrent.CompletableFuture;

/**
 * A signal that the caller of a query no longer wants its answer. The caller cancels; the engine listens while the
 * query runs, stops it, and fails it with {@code QUERY_CANCELLED}. Safe to use from many threads; cancelling twice is
 * the same as once.
 */
public final class Cancellation {

    /** Listening to a cancellation; closing it stops listening. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final CompletableFuture<Void> signal = new CompletableFuture<>();

    public void cancel() {
        signal.complete(null);
    }

    public boolean isCancelled() {
        return signal.isDone();
    }

    /**
     * Runs the action once this is cancelled, on the thread that cancels, or at once on this thread when it already
     * is.
     */
    public Registration onCancel(Runnable action) {
        CompletableFuture<Void> listening = signal.thenRun(action);
        return () -> listening.cancel(false);
    }
}
