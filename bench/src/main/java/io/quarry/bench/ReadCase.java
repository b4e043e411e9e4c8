package io.quarry.bench;

import io.quarry.engine.PageRequest;
import java.sql.SQLException;

/**
 * One case of the read bench: a page request for Quarry and the same query in plain SQL.
 *
 * @param name as printed
 * @param cold true for a first read: each timed run meets a freshly opened engine and a fresh plain connection, with
 *     no warm-up; false for a repeated read: two untimed warm-ups, then every run on the same engine and connection
 * @param targetMs the target for Quarry's latency; NaN for none
 * @param request Quarry's request
 * @param plain the same page (and count) on plain DuckDB
 */
record ReadCase(String name, boolean cold, double targetMs, PageRequest request, PlainQuery plain) {

    /** A query on plain DuckDB. */
    @FunctionalInterface
    interface PlainQuery {
        Answer run(PlainDuckDb duckdb) throws SQLException;
    }

    /**
     * What a contender answered.
     *
     * @param rows rows on the page
     * @param total the count under the case's filter; -1 when the case asks for none
     * @param exact false when Quarry's total was a lower bound
     */
    record Answer(long rows, long total, boolean exact) {}

    /** One timed run. */
    record Sample(double millis, Answer answer) {}
}
