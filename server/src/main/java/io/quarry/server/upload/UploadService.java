package io.quarry.server.upload;

import io.micrometer.core.instrument.Metrics;
import io.quarry.engine.QuarryException;
import io.quarry.server.dataset.DatasetError;
import io.quarry.server.dataset.DatasetRecord;
import io.quarry.server.dataset.DatasetStatus;
import io.quarry.server.dataset.DatasetStore;
import io.quarry.server.job.IngestJobs;
import io.quarry.server.job.Progress;
import io.quarry.server.job.ProgressHub;
import io.quarry.server.job.ResumableUploads;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Turns uploaded bytes into queued datasets, within the size limit and the owner's quota. */
@Service
public final class UploadService implements ResumableUploads {

    private static final Logger LOG = LoggerFactory.getLogger(UploadService.class);
    private static final long PROGRESS_EVERY_NANOS = 200_000_000L;

    private final DatasetStore store;
    private final UploadFiles files;
    private final IngestJobs jobs;
    private final ProgressHub progress;
    private final UploadProperties properties;
    private final TusUploadStore resumables;
    private final DiskSpace space;

    UploadService(
            DatasetStore store,
            UploadFiles files,
            IngestJobs jobs,
            ProgressHub progress,
            UploadProperties properties,
            TusUploadStore resumables,
            DiskSpace space) {
        this.resumables = resumables;
        this.space = space;
        this.store = store;
        this.files = files;
        this.jobs = jobs;
        this.progress = progress;
        this.properties = properties;
    }

    /**
     * How many bytes the user may upload now: the size limit, or what is left of their quota when that is less.
     *
     * @param declared the file's size when known up front, else -1
     * @param pending bytes the user has promised in unfinished resumable uploads
     * @throws QuarryException {@code UPLOAD_TOO_LARGE} or {@code UPLOAD_QUOTA_EXCEEDED} when {@code declared} does not
     *     fit
     */
    long allowance(long ownerId, long declared, long pending) {
        long maxSize = properties.maxSize().toBytes();
        long left = Math.max(0, properties.userQuota().toBytes() - store.totalSourceBytes(ownerId) - pending);
        if (declared > maxSize) {
            throw tooLarge("The file is " + Sizes.format(declared));
        }
        if (declared > left) {
            throw quotaExceeded("The file is " + Sizes.format(declared), left);
        }
        return Math.min(maxSize, left);
    }

    /** The error for a stream that went past its allowance after {@code seen} bytes. */
    private QuarryException exceeded(long seen, long allowance) {
        String size = "The file is more than " + Sizes.format(seen - 1);
        return allowance >= properties.maxSize().toBytes() ? tooLarge(size) : quotaExceeded(size, allowance);
    }

    private QuarryException tooLarge(String size) {
        return new QuarryException(
                DatasetError.UPLOAD_TOO_LARGE,
                size + "; your limit is " + Sizes.format(properties.maxSize().toBytes()) + ".");
    }

    private QuarryException quotaExceeded(String size, long left) {
        return new QuarryException(
                DatasetError.UPLOAD_QUOTA_EXCEEDED,
                size + ", but only " + Sizes.format(left) + " of your "
                        + Sizes.format(properties.userQuota().toBytes())
                        + " quota is left. Delete datasets you no longer need.");
    }

    /**
     * Refuses an upload of {@code bytes} (0 when unknown) that would leave less than
     * {@code quarry.upload.min-free-space} free on the disk.
     */
    void requireRoomFor(long bytes) {
        space.requireRoomFor(Math.max(0, bytes));
    }

    /**
     * A stored upload.
     *
     * @param sha256 the SHA-256 of the bytes stored, in lower-case hex, so a client can check them
     */
    record Received(DatasetRecord dataset, String sha256) {}

    /**
     * Streams a file into a new dataset and queues its ingest. Nothing stays on disk when it fails.
     *
     * @param declared the file's size when known up front, else -1
     */
    Received receive(long ownerId, String name, InputStream body, long declared) {
        long allowance = allowance(ownerId, declared, 0);
        requireRoomFor(declared);
        String id = store.newId();
        store.insert(id, ownerId, name, DatasetStatus.UPLOADING, 0);
        boolean stored = false;
        try {
            files.create(id);
            long start = System.nanoTime();
            long[] lastUpdate = {start};
            progress.update(id, Progress.upload(0, declared, 0));
            DigestInputStream digested = new DigestInputStream(body, MessageDigest.getInstance("SHA-256"));
            long size = files.append(id, digested, allowance, total -> {
                long now = System.nanoTime();
                if (now - lastUpdate[0] >= PROGRESS_EVERY_NANOS) {
                    lastUpdate[0] = now;
                    progress.update(id, Progress.upload(total, declared, (now - start) / 1_000_000));
                }
            });
            if (declared >= 0 && size != declared) {
                throw new IOException("the body ended after " + size + " of " + declared + " bytes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.info(
                    "Upload {} stored: {} bytes in {} s ({} MB/s)",
                    id,
                    size,
                    String.format(Locale.ROOT, "%.2f", seconds),
                    String.format(Locale.ROOT, "%.1f", seconds > 0 ? size / 1e6 / seconds : 0));
            DatasetRecord record = queue(id, ownerId, name, size);
            stored = true;
            Metrics.counter("quarry.upload.bytes", "protocol", "stream").increment(size);
            return new Received(
                    record, HexFormat.of().formatHex(digested.getMessageDigest().digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        } catch (UploadFiles.LimitExceeded e) {
            throw exceeded(e.seen, allowance);
        } catch (UploadFiles.DiskFull e) {
            LOG.warn("Upload {} stopped: the disk under the data directory is (nearly) full", id);
            throw space.filledUp();
        } catch (IOException e) {
            LOG.info("Upload {} stopped: {}", id, e.getMessage());
            if (declared >= 0) {
                throw new QuarryException(
                        DatasetError.UPLOAD_INVALID,
                        "The request body ended after " + Sizes.format(files.size(id)) + " of the "
                                + Sizes.format(declared)
                                + " its Content-Length declares; nothing was kept. Upload the file again.");
            }
            throw new QuarryException(
                    DatasetError.UPLOAD_INTERRUPTED,
                    "The upload stopped before the whole file arrived. Upload the file again.",
                    e);
        } finally {
            if (!stored) {
                progress.forget(id);
                files.delete(id);
                store.delete(id);
            }
        }
    }

    /**
     * Makes the dataset of a resumable upload as it starts, with the same id and status uploading, so its owner sees
     * it (and a preview of it) while the bytes arrive.
     */
    void startResumable(String id, long ownerId, String name) {
        store.insert(id, ownerId, name, DatasetStatus.UPLOADING, 0);
        progress.update(id, Progress.upload(0, -1, 0));
    }

    /** Counts bytes a resumable upload received. */
    void received(long bytes) {
        Metrics.counter("quarry.upload.bytes", "protocol", "tus").increment(bytes);
    }

    /** Reports how far a resumable upload has come. */
    void resumed(String id, long offset, long length) {
        progress.update(id, Progress.upload(offset, length, 0));
    }

    /** Removes the dataset of a resumable upload given up before its last byte. */
    void abandonResumable(String id) {
        store.find(id)
                .filter(record -> record.status() == DatasetStatus.UPLOADING)
                .ifPresent(record -> store.delete(id));
        progress.forget(id);
    }

    @Override
    public boolean isResumable(String id) {
        return resumables.find(id).filter(upload -> upload.datasetId() == null).isPresent();
    }

    String newId() {
        return store.newId();
    }

    /** The error for a resumable upload stopped because the disk filled up. */
    QuarryException diskFilledUp() {
        return space.filledUp();
    }

    /** The error for a stream that went past its allowance; see {@link #allowance}. */
    QuarryException exceededAfter(long seen, long allowance) {
        return exceeded(seen, allowance);
    }

    /** Marks a dataset whose bytes are all stored as queued, and queues its ingest. */
    DatasetRecord queue(String id, long ownerId, String name, long size) {
        store.markQueued(id, size);
        DatasetRecord queued = store.find(id).orElseThrow();
        jobs.submit(new IngestJobs.Job(id, ownerId, name));
        return queued;
    }
}
