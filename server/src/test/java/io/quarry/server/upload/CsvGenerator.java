package io.quarry.server.upload;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** An endless-looking CSV made on the fly, so a big upload needs no big file or array in the test. */
public final class CsvGenerator extends InputStream {

    private final long size;
    private long position;
    private long row;
    private static final String HEADER = "id,city,price,day\n";

    private byte[] pending = HEADER.getBytes(StandardCharsets.US_ASCII);
    private int pendingAt;

    public CsvGenerator(long size) {
        this.size = size;
    }

    /** Writes a CSV of whole rows, at least {@code size} bytes; answers its row count (without the header). */
    public static long write(Path file, long size) throws IOException {
        long rows = 0;
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write(HEADER);
            written += HEADER.length();
            while (written < size) {
                rows++;
                String line = line(rows);
                out.write(line);
                written += line.length();
            }
        }
        return rows;
    }

    private static String line(long row) {
        return row + ",city" + (row % 50) + "," + (row % 1000) + "." + (row % 100) + ",2024-01-" + (10 + row % 20)
                + "\n";
    }

    /** The data rows made so far (without the header); all of them once the stream is read to its end. */
    public long rows() {
        return row;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= size) {
            return -1;
        }
        int written = 0;
        while (written < length && position < size) {
            if (pendingAt == pending.length) {
                row++;
                pending = line(row).getBytes(StandardCharsets.US_ASCII);
                pendingAt = 0;
            }
            int n = (int) Math.min(Math.min(length - written, pending.length - pendingAt), size - position);
            System.arraycopy(pending, pendingAt, buffer, offset + written, n);
            pendingAt += n;
            written += n;
            position += n;
        }
        return written;
    }
}
