package io.quarry.engine;

/** Counters of one of the engine's caches, for metrics. */
public record CacheStatistics(String name, long hits, long misses, long evictions, long weightBytes, long maxBytes) {}
