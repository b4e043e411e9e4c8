package io.quarry.server.upload;

import io.quarry.engine.QuarryException;
import io.quarry.server.ServerError;
import io.quarry.server.system.QuarryProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The bytes of uploads: {@code <data-dir>/uploads/<id>/source}, written as they arrive, never held in memory. */
@Component
public final class UploadFiles {

    private static final Logger LOG = LoggerFactory.getLogger(UploadFiles.class);
    private static final int BUFFER = 64 * 1024;
    private static final long SPACE_CHECK_BYTES = 4L * 1024 * 1024;
    private static final long YIELD_BYTES = 1024 * 1024;

    private final Path root;
    private final DiskSpace space;

    public UploadFiles(QuarryProperties properties, DiskSpace space) {
        this.root = properties.dataDir().resolve("uploads");
        this.space = space;
    }

    /** Thrown by {@link #append} when the stream holds more bytes than allowed; the bytes read so far stay. */
    static final class LimitExceeded extends IOException {
        final long seen;

        LimitExceeded(long seen) {
            super("more than the allowed bytes");
            this.seen = seen;
        }
    }

    /**
     * Thrown by {@link #append} when the disk has less than {@code quarry.upload.min-free-space} free, or is full;
     * the bytes written so far stay.
     */
    static final class DiskFull extends IOException {
        DiskFull() {
            super("not enough free disk space");
        }
    }

    /** Receives the running byte count while a stream is copied. */
    interface Counter {
        void bytesWritten(long total);
    }

    public Path source(String id) {
        return root.resolve(id).resolve("source");
    }

    public boolean exists(String id) {
        return Files.isRegularFile(source(id));
    }

    /** The bytes stored so far, 0 when none. */
    public long size(String id) {
        try {
            return Files.size(source(id));
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the upload's empty file. */
    void create(String id) {
        try {
            Files.createDirectories(source(id).getParent());
            Files.write(source(id), new byte[0]);
        } catch (IOException e) {
            throw storeFailed(e);
        }
    }

    /**
     * Appends the stream to the upload's file, up to {@code limit} bytes in all.
     *
     * @return the file's new size
     * @throws LimitExceeded when the stream would take the file past {@code limit}
     * @throws DiskFull when the free space falls below the floor (checked every few MB) or the disk is full
     */
    long append(String id, InputStream in, long limit, Counter counter) throws IOException {
        Path source = source(id);
        long total = Files.size(source);
        byte[] buffer = new byte[BUFFER];
        long unchecked = 0;
        try (OutputStream out = Files.newOutputStream(source, StandardOpenOption.APPEND)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (total + read > limit) {
                    throw new LimitExceeded(total + read);
                }
                unchecked += read;
                if (unchecked % YIELD_BYTES < read) {
                    // a fast client's bytes are always there, so this virtual thread would never park and would keep
                    // its carrier (one per core): let other requests (a health check, a page of rows) run in between
                    Thread.yield();
                }
                if (unchecked >= SPACE_CHECK_BYTES) {
                    unchecked = 0;
                    if (space.isLow()) {
                        throw new DiskFull();
                    }
                }
                write(out, buffer, read);
                total += read;
                counter.bytesWritten(total);
            }
        }
        return total;
    }

    private static void write(OutputStream out, byte[] buffer, int length) throws IOException {
        try {
            out.write(buffer, 0, length);
        } catch (IOException e) {
            if (DiskSpace.ranOut(e)) {
                throw new DiskFull();
            }
            throw e;
        }
    }

    /** Removes the upload's directory, if any. */
    public void delete(String id) {
        Path directory = root.resolve(id);
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.warn("Could not delete {}: {}", path, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not delete upload {}: {}", id, e.getMessage());
        }
    }

    static QuarryException storeFailed(IOException e) {
        return new QuarryException(
                ServerError.UPLOAD_FAILED, "The upload could not be stored on the server. Try again later.", e);
    }
}
