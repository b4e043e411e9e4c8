/** End-to-end benchmarks that print figures: CSV ingest by Quarry against plain DuckDB, each in a fresh JVM. */
@NullMarked
package io.quarry.bench;

import org.jspecify.annotations.NullMarked;
