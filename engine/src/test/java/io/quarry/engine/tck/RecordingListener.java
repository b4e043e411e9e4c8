package io.quarry.engine.tck;

import io.quarry.engine.IngestListener;
import io.quarry.engine.IngestProgress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that keeps every progress event, and may ask for the ingest to be cancelled. */
final class RecordingListener implements IngestListener {

    private final List<IngestProgress> events = new CopyOnWriteArrayList<>();
    private final boolean cancelled;

    private RecordingListener(boolean cancelled) {
        this.cancelled = cancelled;
    }

    static RecordingListener recording() {
        return new RecordingListener(false);
    }

    static RecordingListener cancelling() {
        return new RecordingListener(true);
    }

    @Override
    public void onProgress(IngestProgress progress) {
        events.add(progress);
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    List<IngestProgress> events() {
        return List.copyOf(events);
    }
}
