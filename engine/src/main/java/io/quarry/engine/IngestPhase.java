package io.quarry.engine;

/** The steps of an ingest, in order. */
public enum IngestPhase {
    SNIFF,
    PARSE,
    INDEX,
    PROFILE,
    DONE,
    FAILED
}
