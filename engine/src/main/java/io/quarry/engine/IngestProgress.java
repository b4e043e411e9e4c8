package io.quarry.engine;

/**
 * A snapshot of an ingest's progress.
 *
 * @param bytesDone bytes of the source read so far (compressed bytes for a compressed file)
 * @param bytesTotal the source's size, or -1 when unknown (a stream)
 */
public record IngestProgress(
        IngestPhase phase, long bytesDone, long bytesTotal, long rows, long rejected, long elapsedMs) {}
