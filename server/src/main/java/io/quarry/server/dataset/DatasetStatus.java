package io.quarry.server.dataset;

import java.util.Locale;

/** Where a dataset is in its life: its bytes arrive, it waits for a job slot, it is ingested, then ready or failed. */
public enum DatasetStatus {
    UPLOADING,
    QUEUED,
    INGESTING,
    READY,
    FAILED;

    /** The status as stored and as sent in JSON: lower case. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DatasetStatus fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    public boolean isFinished() {
        return this == READY || this == FAILED;
    }
}
