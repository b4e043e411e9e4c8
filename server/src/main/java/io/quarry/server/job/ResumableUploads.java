package io.quarry.server.job;

/** Tells whether a dataset still waits for the rest of a resumable upload, which a restart must leave alone. */
@FunctionalInterface
public interface ResumableUploads {

    boolean isResumable(String datasetId);
}
