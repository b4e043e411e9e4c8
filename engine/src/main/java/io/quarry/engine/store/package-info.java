/**
 * The row store: a dataset's rows in the canonical CSV dialect plus an index of record offsets, so any row, or any
 * run of rows, is one positional read away. Columnar engines answer "which rows, in which order"; this answers "what
 * is in them" in microseconds, at any offset.
 */
@NullMarked
package io.quarry.engine.store;

import org.jspecify.annotations.NullMarked;
