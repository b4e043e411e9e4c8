package io.quarry.engine.tck;

import io.quarry.engine.IngestListener;
import io.quarry.engine.IngestPhase;
import io.quarry.engine.IngestProgress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** A listener that keeps every progress event, and may ask for the ingest to be cancelled. */
final class RecordingListener implements IngestListener {

    private final List<IngestProgress> events = new CopyOnWriteArrayList<>();
    private final boolean cancelled;
    private final @Nullable IngestPhase cancelIn;

    private RecordingListener(boolean cancelled, @Nullable IngestPhase cancelIn) {
        this.cancelled = cancelled;
        this.cancelIn = cancelIn;
    }

    static RecordingListener recording() {
        return new RecordingListener(false, null);
    }

    static RecordingListener cancelling() {
        return new RecordingListener(true, null);
    }

    /** Asks for the ingest to be cancelled from its first progress event in {@code phase} on. */
    static RecordingListener cancellingIn(IngestPhase phase) {
        return new RecordingListener(false, phase);
    }

    @Override
    public void onProgress(IngestProgress progress) {
        events.add(progress);
    }

    @Override
    public boolean isCancelled() {
        return cancelled || events.stream().anyMatch(event -> event.phase() == cancelIn);
    }

    List<IngestProgress> events() {
        return List.copyOf(events);
    }
}
