package io.quarry.engine;

/** Receives an ingest's progress at least every 500 ms while it runs, and may cancel it. */
public interface IngestListener {

    IngestListener NONE = progress -> {};

    void onProgress(IngestProgress progress);

    /** Polled while the ingest runs; once it answers {@code true} the ingest stops with {@code INGEST_CANCELLED}. */
    default boolean isCancelled() {
        return false;
    }
}
