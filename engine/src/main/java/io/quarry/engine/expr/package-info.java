/**
 * Computed-field expressions: a small SQL-like language read by our own lexer and recursive-descent parser into an
 * engine-neutral syntax tree, then checked against a whitelist of operators and functions and against the fields of
 * the dataset. Nothing here writes SQL; each engine turns a checked tree into its own query text. See docs/charts.md,
 * "Computed fields".
 */
@NullMarked
package io.quarry.engine.expr;

import org.jspecify.annotations.NullMarked;
