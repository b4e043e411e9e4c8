package io.quarry.engine;

import java.util.List;

/**
 * What an ingest produced.
 *
 * @param dataset the published dataset
 * @param rejects the first rejected records (at most {@link #MAX_REJECT_SAMPLE}); the whole log is read with
 *     {@link Engine#readRejects}
 * @param seconds wall time from start to publish
 * @param sourceBytes bytes of the source read
 */
public record IngestResult(Dataset dataset, List<Reject> rejects, double seconds, long sourceBytes) {

    public static final int MAX_REJECT_SAMPLE = 10;

    public IngestResult {
        rejects = List.copyOf(rejects);
    }

    /** Source megabytes (10^6 bytes) a second. */
    public double megabytesPerSecond() {
        return seconds > 0 ? sourceBytes / 1e6 / seconds : 0;
    }
}
