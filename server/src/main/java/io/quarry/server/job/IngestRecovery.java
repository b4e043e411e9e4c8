package io.quarry.server.job;

import io.quarry.server.dataset.DatasetError;
import io.quarry.server.dataset.DatasetRecord;
import io.quarry.server.dataset.DatasetStatus;
import io.quarry.server.dataset.DatasetStore;
import io.quarry.server.upload.UploadFiles;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up, queues again the ingests that a stop or crash interrupted, or that stopped for lack of disk space, from
 * their stored uploads; a streamed upload cut off mid-way cannot be resumed and fails.
 */
@Component
class IngestRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(IngestRecovery.class);

    private final DatasetStore store;
    private final UploadFiles files;
    private final IngestJobs jobs;
    private final ResumableUploads uploads;

    IngestRecovery(DatasetStore store, UploadFiles files, IngestJobs jobs, ResumableUploads uploads) {
        this.uploads = uploads;
        this.store = store;
        this.files = files;
        this.jobs = jobs;
    }

    @EventListener(ApplicationReadyEvent.class)
    void requeue() {
        // listed before anything is queued again, so no dataset is queued twice
        List<DatasetRecord> unfinished =
                store.listByStatus(List.of(DatasetStatus.UPLOADING, DatasetStatus.QUEUED, DatasetStatus.INGESTING));
        for (DatasetRecord record : store.listByStatus(List.of(DatasetStatus.FAILED))) {
            if (DatasetError.INGEST_DISK_FULL.name().equals(record.failureCode()) && files.exists(record.id())) {
                LOG.info("Queueing the ingest of {} again, which stopped for lack of disk space", record.id());
                store.markQueued(record.id(), files.size(record.id()));
                jobs.submit(new IngestJobs.Job(record.id(), record.ownerId(), record.name()));
            }
        }
        for (DatasetRecord record : unfinished) {
            if (record.status() == DatasetStatus.UPLOADING && uploads.isResumable(record.id())) {
                LOG.info("Dataset {} waits for the rest of its resumable upload", record.id());
            } else if (record.status() != DatasetStatus.UPLOADING && files.exists(record.id())) {
                LOG.info("Queueing the interrupted ingest of {} again", record.id());
                store.markQueued(record.id(), files.size(record.id()));
                jobs.submit(new IngestJobs.Job(record.id(), record.ownerId(), record.name()));
            } else {
                LOG.info("Dataset {} lost its upload in a restart", record.id());
                store.markFailed(
                        record.id(),
                        DatasetError.UPLOAD_INTERRUPTED.name(),
                        "The server stopped before the whole file arrived. Upload the file again.");
                files.delete(record.id());
            }
        }
    }
}
