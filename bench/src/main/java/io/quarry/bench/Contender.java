package io.quarry.bench;

import java.util.Locale;

/** What ingests the file in a child JVM. */
enum Contender {
    /** Quarry's {@code DuckDbEngine}: sniffing, parsing, rejects and publishing included. */
    QUARRY,
    /** Plain DuckDB over JDBC: {@code CREATE TABLE t AS SELECT * FROM read_csv(file)} with its defaults. */
    DUCKDB;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Contender of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
