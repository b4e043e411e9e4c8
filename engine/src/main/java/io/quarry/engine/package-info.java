/** The data engine's contract: plain records in and out, so any engine (DuckDB, remote, Spark) can implement it. */
@NullMarked
package io.quarry.engine;

import org.jspecify.annotations.NullMarked;
