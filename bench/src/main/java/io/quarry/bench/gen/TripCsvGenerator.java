package io.quarry.bench.gen;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a deterministic CSV of trip / sales records: 14 columns, about {@value #BYTES_PER_ROW} bytes a row, the
 * same columns, formats and distributions as {@code gen_csv.py} (not byte-identical to it). The same rows and seed
 * always give the same bytes: each chunk of {@value #CHUNK_ROWS} rows draws from its own generator seeded by (seed,
 * chunk index). LF line endings, a header line, no line breaks inside fields.
 *
 * <p>Usage: {@code TripCsvGenerator (--rows N | --size 100MB) [--seed S] --out FILE}
 */
public final class TripCsvGenerator {

    public static final int BYTES_PER_ROW = 105;
    public static final int CHUNK_ROWS = 250_000;
    public static final long DEFAULT_SEED = 42;

    private static final int BUFFER_BYTES = 1 << 20;

    private TripCsvGenerator() {}

    /** Rows that make a file of about {@code megabytes} MB (10^6 bytes). */
    public static long rowsForMegabytes(double megabytes) {
        return Math.max(1, Math.round(megabytes * 1e6 / BYTES_PER_ROW));
    }

    /** Writes {@code rows} rows plus the header to {@code out}, replacing it; returns the bytes written. */
    public static long write(long rows, long seed, Path out) throws IOException {
        try (OutputStream stream = Files.newOutputStream(out)) {
            return write(rows, seed, stream);
        }
    }

    /** Writes {@code rows} rows plus the header to {@code out} (left open); returns the bytes written. */
    public static long write(long rows, long seed, OutputStream out) throws IOException {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be 0 or more, not " + rows);
        }
        var writer = new TripRowWriter(CityNames.generate(random(seed, -1), CityNames.COUNT));
        var buffer = new AsciiBuffer(BUFFER_BYTES, out);
        buffer.append(AsciiBuffer.ascii(TripRowWriter.HEADER));
        for (long chunk = 0; chunk * CHUNK_ROWS < rows; chunk++) {
            long first = chunk * CHUNK_ROWS;
            int count = (int) Math.min(CHUNK_ROWS, rows - first);
            writer.writeRows(buffer, random(seed, chunk), first + 1, count);
        }
        buffer.flush();
        out.flush();
        return buffer.size();
    }

    /** A generator for one stream; the seed and stream are mixed so that near seeds give unrelated streams. */
    static SplittableRandom random(long seed, long stream) {
        return new SplittableRandom(mix(seed ^ mix(stream + 0x9E3779B97F4A7C15L)));
    }

    /** The finaliser of MurmurHash3: a bijective scramble of 64 bits. */
    private static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    public static void main(String[] args) throws IOException {
        GeneratorArgs parsed;
        try {
            parsed = GeneratorArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: TripCsvGenerator (--rows N | --size 100MB) [--seed S] --out FILE");
            System.exit(2);
            return;
        }
        long start = System.nanoTime();
        long bytes = write(parsed.rows(), parsed.seed(), parsed.out());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf(
                Locale.ROOT,
                "wrote %d rows (%d bytes) to %s in %.2f s, %.0f MB/s%n",
                parsed.rows(),
                bytes,
                parsed.out(),
                seconds,
                bytes / 1e6 / seconds);
    }
}
