package io.quarry.engine.ingest;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.output.CountingOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes the one CSV dialect the storage layer reads: UTF-8, comma, RFC 4180 quotes, LF, every record with the same
 * number of fields. An unquoted empty field is null; {@code ""} is the empty string.
 */
final class CanonicalCsvWriter implements Closeable {

    private final CountingOutputStream out;
    private final @Nullable DataOutputStream index;
    private boolean firstField = true;
    private long recordStart;
    private long longestRecord;

    /**
     * @param index where to write the byte offset of every record after the first (the header), as big-endian longs,
     *     then the file's length; null for none
     */
    CanonicalCsvWriter(Path file, @Nullable Path index) throws IOException {
        this.out = new CountingOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20));
        this.index = index == null
                ? null
                : new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(index), 1 << 16));
    }

    /** Copies a record that is already in the canonical dialect, as it is. */
    void writeRaw(byte[] bytes, int start, int end) throws IOException {
        out.write(bytes, start, end - start);
        endRecord();
    }

    void writeNull() throws IOException {
        separate();
    }

    void writeValue(byte[] bytes, int start, int end) throws IOException {
        separate();
        if (start == end) {
            out.write('"');
            out.write('"');
            return;
        }
        boolean quote = false;
        for (int p = start; p < end && !quote; p++) {
            byte c = bytes[p];
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.write(bytes, start, end - start);
            return;
        }
        out.write('"');
        int from = start;
        for (int p = start; p < end; p++) {
            if (bytes[p] == '"') {
                out.write(bytes, from, p + 1 - from);
                out.write('"');
                from = p + 1;
            }
        }
        out.write(bytes, from, end - from);
        out.write('"');
    }

    void writeValue(String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeValue(bytes, 0, bytes.length);
    }

    void writeValue(long value) throws IOException {
        separate();
        out.write(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }

    void endRecord() throws IOException {
        out.write('\n');
        firstField = true;
        longestRecord = Math.max(longestRecord, out.getByteCount() - recordStart);
        recordStart = out.getByteCount();
        if (index != null) {
            index.writeLong(recordStart);
        }
    }

    /** The longest record written so far, in bytes with its line terminator. */
    long longestRecord() {
        return longestRecord;
    }

    private void separate() throws IOException {
        if (!firstField) {
            out.write(',');
        }
        firstField = false;
    }

    @Override
    public void close() throws IOException {
        out.close();
        if (index != null) {
            index.close();
        }
    }
}
