/**
 * The chart query model (Graphic Walker's workflow): filter, transform, view and sort steps as plain records, checked
 * when they are made; nothing here knows SQL or DuckDB.
 */
@NullMarked
package io.quarry.engine.query;

import org.jspecify.annotations.NullMarked;
