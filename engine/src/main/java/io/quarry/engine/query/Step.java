package io.quarry.engine.query;

/** One step of a {@link Workflow}. */
public sealed interface Step permits FilterStep, TransformStep, ViewStep, SortStep {}
