/** The embedded engine: DuckDB in-process, one database file per published dataset. */
@NullMarked
package io.quarry.engine.duckdb;

import org.jspecify.annotations.NullMarked;
