package io.quarry.server.upload;

import io.quarry.engine.QuarryException;
import io.quarry.server.dataset.DatasetError;
import io.quarry.server.system.QuarryProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The free disk space under the data directory, and the floor {@code quarry.upload.min-free-space} that uploads and
 * ingests leave free, so a full disk refuses new work instead of breaking the metadata store and the datasets.
 */
@Component
public final class DiskSpace {

    private final Path dataDir;
    private final long minFree;

    public DiskSpace(QuarryProperties quarry, UploadProperties uploads) {
        this.dataDir = quarry.dataDir();
        this.minFree = uploads.minFreeSpace().toBytes();
    }

    /** The bytes that may still be written under the data directory. */
    public long usable() {
        try {
            Files.createDirectories(dataDir);
            return Files.getFileStore(dataDir).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when less than the floor is free. */
    public boolean isLow() {
        return usable() < minFree;
    }

    /**
     * Refuses an upload that would leave less than the floor free.
     *
     * @param bytes the bytes the upload still has to write, 0 when unknown
     * @throws QuarryException {@code UPLOAD_DISK_FULL}
     */
    void requireRoomFor(long bytes) {
        long free = usable();
        if (free - bytes < minFree) {
            throw full(free, bytes);
        }
    }

    /** The error for an upload stopped because the disk filled up while it was written. */
    QuarryException filledUp() {
        return full(usable(), 0);
    }

    private QuarryException full(long free, long bytes) {
        String needed = bytes > 0
                ? "this upload needs " + Sizes.format(bytes) + " and at least " + Sizes.format(minFree)
                        + " must stay free"
                : "at least " + Sizes.format(minFree) + " must stay free";
        return new QuarryException(
                DatasetError.UPLOAD_DISK_FULL,
                "The server has only " + Sizes.format(free) + " of disk space free; " + needed
                        + ". Nothing was stored: ask the administrator to free space, then upload again.");
    }

    /** The reason given for an ingest stopped for lack of space. */
    public String ingestStoppedDetail() {
        return "The server ran out of disk space while storing the dataset (at least " + Sizes.format(minFree)
                + " must stay free; " + Sizes.format(usable()) + " is free now that its partial files are removed)."
                + " The uploaded file is kept: free more space, then restart the server and the ingest runs again.";
    }

    /** True when {@code failure} or one of its causes is the system's "no space left on device" error. */
    public static boolean ranOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("no space left on device")) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (ranOut(suppressed)) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
