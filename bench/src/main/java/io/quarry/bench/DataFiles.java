package io.quarry.bench;

import io.quarry.bench.gen.ByteSizes;
import io.quarry.bench.gen.TripCsvGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;

/**
 * The benchmark's input files, cached as {@code trips-<size>.csv} with a {@code .meta} file that records rows, seed
 * and bytes; a file is reused when its meta matches and its length is the recorded one.
 */
final class DataFiles {

    private final Path dir;
    private final long seed;
    private final PrintStream log;

    DataFiles(Path dir, long seed, PrintStream log) {
        this.dir = dir;
        this.seed = seed;
        this.log = log;
    }

    /** The file for {@code size} (such as {@code 100MB}), generated when missing or stale. */
    Path prepare(String size) throws IOException {
        Files.createDirectories(dir);
        long rows = TripCsvGenerator.rowsForMegabytes(ByteSizes.parse(size) / 1e6);
        Path file = dir.resolve("trips-" + size + ".csv");
        Path meta = dir.resolve("trips-" + size + ".csv.meta");
        String expected = "rows=" + rows + " seed=" + seed + " bytes=";
        if (Files.isRegularFile(file) && Files.isRegularFile(meta)) {
            String recorded = Files.readString(meta).trim();
            if (recorded.equals(expected + Files.size(file))) {
                log.printf(Locale.ROOT, "reusing %s (%s)%n", file, recorded);
                return file;
            }
        }
        Path partial = dir.resolve(file.getFileName() + ".partial");
        long start = System.nanoTime();
        long bytes = TripCsvGenerator.write(rows, seed, partial);
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(meta, expected + bytes + "\n");
        log.printf(
                Locale.ROOT,
                "generated %s: %,d rows, %,d bytes in %.2f s (%.0f MB/s)%n",
                file,
                rows,
                bytes,
                seconds,
                bytes / 1e6 / seconds);
        return file;
    }

    /** Seconds to read {@code file} through a 1 MiB buffer: the I/O floor of any ingest. */
    static double readSeconds(Path file) throws IOException {
        byte[] buffer = new byte[1 << 20];
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(file)) {
            while (in.read(buffer) >= 0) {
                // only the reading counts
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Deletes {@code root} and everything below it; missing is fine. */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
