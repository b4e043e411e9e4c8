package io.quarry.engine;

/** What an engine can do beyond the basics; the contract tests check each one, and its absence. */
public enum Capability {
    INGEST_COMPRESSED,
    SORTED_PAGES,
    /** Answers Graphic Walker chart workflows ({@link Engine#query}). */
    CHART_QUERIES,
    /** Computes column profiles ({@link Engine#profile}). */
    PROFILES
}
