package io.quarry.engine.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a field of the current record into its value: quotes and escapes removed, legacy bytes transcoded to UTF-8.
 * Reuses one scratch buffer, so a value is valid until the next call.
 */
final class FieldValues {

    private final byte quote = '"';
    private final byte escape;
    private byte[] scratch = new byte[256];
    private int scratchLength;

    FieldValues(byte escape) {
        this.escape = escape;
    }

    /** Feeds one field to its column's type tracker: nothing for a null (unquoted empty) field. */
    void track(CsvRecordReader reader, int field, boolean legacy, ColumnTypeTracker tracker) {
        if (tracker.isText()) {
            return;
        }
        int start = reader.fieldStart(field);
        int end = reader.fieldEnd(field);
        boolean quoted = reader.isQuoted(field);
        if (start == end) {
            if (quoted) {
                tracker.acceptText();
            }
            return;
        }
        if (reader.isEscaped(field)) {
            tracker.acceptText();
            return;
        }
        if (legacy) {
            byte[] utf8 =
                    LegacyText.decodeWindows1252(reader.buffer(), start, end).getBytes(StandardCharsets.UTF_8);
            tracker.accept(utf8, 0, utf8.length);
            return;
        }
        tracker.accept(reader.buffer(), start, end);
    }

    /** The field's value as UTF-8 bytes in {@link #scratch()}, {@link #length()} long. */
    void decode(CsvRecordReader reader, int field, boolean legacy) {
        byte[] b = reader.buffer();
        int start = reader.fieldStart(field);
        int end = reader.fieldEnd(field);
        scratchLength = 0;
        if (legacy) {
            byte[] utf8 = LegacyText.decodeWindows1252(b, start, end).getBytes(StandardCharsets.UTF_8);
            unescape(utf8, 0, utf8.length, reader.isEscaped(field));
        } else {
            unescape(b, start, end, reader.isEscaped(field));
        }
    }

    private void unescape(byte[] b, int start, int end, boolean escaped) {
        ensure(end - start);
        if (!escaped) {
            System.arraycopy(b, start, scratch, 0, end - start);
            scratchLength = end - start;
            return;
        }
        int n = 0;
        for (int p = start; p < end; p++) {
            byte c = b[p];
            if (c == escape && p + 1 < end && (b[p + 1] == quote || b[p + 1] == escape)) {
                p++;
                c = b[p];
            }
            scratch[n++] = c;
        }
        scratchLength = n;
    }

    private void ensure(int length) {
        if (scratch.length < length) {
            scratch = Arrays.copyOf(scratch, Math.max(length, scratch.length * 2));
        }
    }

    byte[] copy(CsvRecordReader reader, int field) {
        decode(reader, field, false);
        return Arrays.copyOf(scratch, scratchLength);
    }

    byte[] scratch() {
        return scratch;
    }

    int length() {
        return scratchLength;
    }

    /** The field's value as a string (for header labels). */
    String text(CsvRecordReader reader, int field, boolean legacy) {
        decode(reader, field, legacy);
        return new String(scratch, 0, scratchLength, StandardCharsets.UTF_8);
    }
}
