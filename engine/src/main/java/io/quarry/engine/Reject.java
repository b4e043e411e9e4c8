package io.quarry.engine;

/**
 * A record that could not be read.
 *
 * @param line the 1-based physical line of the file where the record starts
 * @param reason what was wrong, in words a person understands
 * @param raw the record's text, truncated at the ingest's limit
 */
public record Reject(long line, String reason, String raw) {}
