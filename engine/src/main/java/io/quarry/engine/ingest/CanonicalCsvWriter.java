package io.quarry.engine.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Writes the one CSV dialect the storage layer reads: UTF-8, comma, RFC 4180 quotes, LF, every record with the same
 * number of fields. An unquoted empty field is null; {@code ""} is the empty string. Optionally writes an index of
 * record offsets beside it. One thread writes; the buffers are plain arrays on purpose (this is the ingest's hot path).
 */
final class CanonicalCsvWriter implements Closeable {

    private static final int BUFFER = 1 << 20;

    private final OutputStream out;
    private final @Nullable OutputStream index;
    private byte[] buffer = new byte[BUFFER];
    private int length;
    private final byte[] indexBuffer;
    private int indexLength;
    private long flushed;
    private boolean firstField = true;
    private long recordStart;
    private long longestRecord;

    /**
     * @param index where to write the byte offset of every record after the first (the header), as big-endian longs,
     *     then the file's length; null for none
     */
    CanonicalCsvWriter(Path file, @Nullable Path index) throws IOException {
        this.out = Files.newOutputStream(file);
        this.index = index == null ? null : Files.newOutputStream(index);
        this.indexBuffer = new byte[index == null ? 0 : 1 << 16];
    }

    /** Copies a record that is already in the canonical dialect, as it is. */
    void writeRaw(byte[] bytes, int start, int end) throws IOException {
        put(bytes, start, end - start);
        endRecord();
    }

    void writeNull() throws IOException {
        separate();
    }

    void writeValue(byte[] bytes, int start, int end) throws IOException {
        separate();
        if (start == end) {
            put((byte) '"');
            put((byte) '"');
            return;
        }
        boolean quote = false;
        for (int p = start; p < end && !quote; p++) {
            byte c = bytes[p];
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            put(bytes, start, end - start);
            return;
        }
        put((byte) '"');
        int from = start;
        for (int p = start; p < end; p++) {
            if (bytes[p] == '"') {
                put(bytes, from, p + 1 - from);
                put((byte) '"');
                from = p + 1;
            }
        }
        put(bytes, from, end - from);
        put((byte) '"');
    }

    void writeValue(String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeValue(bytes, 0, bytes.length);
    }

    void writeValue(long value) throws IOException {
        separate();
        byte[] digits = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
        put(digits, 0, digits.length);
    }

    void endRecord() throws IOException {
        put((byte) '\n');
        firstField = true;
        long position = flushed + length;
        longestRecord = Math.max(longestRecord, position - recordStart);
        recordStart = position;
        if (index != null) {
            if (indexLength + Long.BYTES > indexBuffer.length) {
                index.write(indexBuffer, 0, indexLength);
                indexLength = 0;
            }
            for (int shift = 56; shift >= 0; shift -= 8) {
                indexBuffer[indexLength++] = (byte) (position >>> shift);
            }
        }
    }

    /** The longest record written so far, in bytes with its line terminator. */
    long longestRecord() {
        return longestRecord;
    }

    private void separate() throws IOException {
        if (!firstField) {
            put((byte) ',');
        }
        firstField = false;
    }

    private void put(byte b) throws IOException {
        if (length == buffer.length) {
            flush();
        }
        buffer[length++] = b;
    }

    private void put(byte[] bytes, int start, int count) throws IOException {
        if (length + count > buffer.length) {
            flush();
            if (count > buffer.length) {
                buffer = Arrays.copyOf(buffer, count);
            }
        }
        System.arraycopy(bytes, start, buffer, length, count);
        length += count;
    }

    private void flush() throws IOException {
        out.write(buffer, 0, length);
        flushed += length;
        length = 0;
    }

    @Override
    public void close() throws IOException {
        try (out) {
            flush();
        }
        if (index != null) {
            try (index) {
                index.write(indexBuffer, 0, indexLength);
            }
        }
    }
}
