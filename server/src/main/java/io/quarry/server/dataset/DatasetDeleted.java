package io.quarry.server.dataset;

/** Published when a dataset is deleted, so features that keep files of their own about it can remove them. */
public record DatasetDeleted(String id) {}
