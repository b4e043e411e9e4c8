package io.quarry.engine.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream of UTF-8 (or single-byte) bytes into CSV records without decoding them. Quoted fields may hold
 * delimiters, escaped quotes and line breaks, also across buffer refills. A record that cannot be parsed is reported
 * as {@link Kind#BAD} with a {@link Problem} and never changes how the following records are read: after an
 * unterminated quote the reader resumes on the line after the one where the record started.
 *
 * <p>After {@link #next()} the record's fields are slices of {@link #buffer()}: {@link #fieldStart(int)} to
 * {@link #fieldEnd(int)}, exclusive, without the surrounding quotes (escapes are still in place when
 * {@link #isEscaped(int)}).
 */
final class CsvRecordReader {

    enum Kind {
        RECORD,
        BLANK,
        BAD
    }

    enum Problem {
        UNTERMINATED_QUOTE,
        TEXT_AFTER_QUOTE,
        TOO_LONG
    }

    /** Line terminators seen outside quoted fields. */
    static final int LF = 1;

    static final int CRLF = 2;
    static final int CR = 4;

    private static final int SPECIAL_DELIMITER = 1;
    private static final int SPECIAL_QUOTE = 2;
    private static final int SPECIAL_NEWLINE = 4;
    private static final int FLAG_QUOTED = 1;
    private static final int FLAG_ESCAPED = 2;
    private static final int FLAG_STRAY_QUOTE = 4;

    private final InputStream in;
    private final byte quote;
    private final byte escape;
    private final int maxRecordBytes;
    private final int readChunk;
    private final byte[] special = new byte[256];

    private byte[] buf;
    private int limit;
    private int pos;
    private int recordStart;
    private boolean eof;
    private long nextLine = 1;
    private int terminatorsSeen;

    private Kind kind = Kind.BLANK;
    private Problem problem = Problem.TOO_LONG;
    private long line;
    private int problemField;
    private int recordEnd;
    private int highBits;
    private int fieldCount;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private byte[] flags = new byte[16];
    private boolean strayQuotes;

    /**
     * @param delimiter the field delimiter, or -1 for a single-column file
     * @param readChunk the most bytes read from the stream at once (tiny values exercise buffer edges)
     */
    CsvRecordReader(InputStream in, int delimiter, byte quote, byte escape, int maxRecordBytes, int readChunk) {
        this.in = in;
        this.quote = quote;
        this.escape = escape;
        this.maxRecordBytes = maxRecordBytes;
        this.readChunk = readChunk;
        this.buf = new byte[Math.max(16, Math.min(readChunk, 1 << 20))];
        if (delimiter >= 0) {
            special[delimiter & 0xff] = SPECIAL_DELIMITER;
        }
        special[quote & 0xff] |= SPECIAL_QUOTE;
        special['\n'] = SPECIAL_NEWLINE;
        special['\r'] = SPECIAL_NEWLINE;
    }

    /** Reads the next record; false at the end of the input. */
    boolean next() throws IOException {
        if (pos >= limit && !fill()) {
            return false;
        }
        recordStart = pos;
        line = nextLine;
        fieldCount = 0;
        highBits = 0;
        strayQuotes = false;
        byte first = buf[pos];
        if (first == '\n' || first == '\r') {
            kind = Kind.BLANK;
            recordEnd = pos;
            consumeTerminator();
            return true;
        }
        kind = Kind.RECORD;
        readFields();
        if (kind == Kind.RECORD && recordEnd - recordStart > maxRecordBytes) {
            kind = Kind.BAD;
            problem = Problem.TOO_LONG;
            recordEnd = recordStart + maxRecordBytes;
        }
        return true;
    }

    private void readFields() throws IOException {
        while (true) {
            if (fieldCount == starts.length) {
                starts = Arrays.copyOf(starts, fieldCount * 2);
                ends = Arrays.copyOf(ends, fieldCount * 2);
                flags = Arrays.copyOf(flags, fieldCount * 2);
            }
            int stop = pos < limit || fill() ? buf[pos] : -1;
            boolean more;
            if (stop == quote) {
                more = readQuotedField();
            } else {
                more = readPlainField();
            }
            if (kind == Kind.BAD || !more) {
                return;
            }
        }
    }

    /** Reads an unquoted field; true when a delimiter follows. */
    private boolean readPlainField() throws IOException {
        int start = pos - recordStart;
        int fieldFlags = 0;
        int high = 0;
        while (true) {
            byte[] b = buf;
            int p = pos;
            int lim = limit;
            while (p < lim) {
                int c = b[p] & 0xff;
                if (special[c] != 0) {
                    break;
                }
                high |= c;
                p++;
            }
            pos = p;
            if (p < lim) {
                int c = b[p] & 0xff;
                if ((special[c] & SPECIAL_QUOTE) != 0 && (special[c] & SPECIAL_DELIMITER) == 0) {
                    fieldFlags |= FLAG_STRAY_QUOTE;
                    strayQuotes = true;
                    pos++;
                    continue;
                }
                highBits |= high;
                addField(start, p - recordStart, fieldFlags);
                if ((special[c] & SPECIAL_DELIMITER) != 0) {
                    pos++;
                    return true;
                }
                recordEnd = p;
                consumeTerminator();
                return false;
            }
            if (!fill()) {
                highBits |= high;
                addField(start, pos - recordStart, fieldFlags);
                recordEnd = pos;
                return false;
            }
            if (pos - recordStart > maxRecordBytes) {
                skipLongLine();
                return false;
            }
        }
    }

    /** Reads a quoted field starting at the opening quote; true when a delimiter follows. */
    private boolean readQuotedField() throws IOException {
        pos++;
        int start = pos - recordStart;
        int fieldFlags = FLAG_QUOTED;
        int high = 0;
        boolean sameEscape = escape == quote;
        while (true) {
            if (pos >= limit) {
                if (!fill()) {
                    resumeAfterFirstLine(Problem.UNTERMINATED_QUOTE);
                    return false;
                }
                if (pos - recordStart > maxRecordBytes) {
                    resumeAfterFirstLine(Problem.TOO_LONG);
                    return false;
                }
            }
            byte c = buf[pos];
            if (c == quote) {
                if (sameEscape) {
                    if (!available(2)) {
                        break;
                    }
                    if (buf[pos + 1] == quote) {
                        fieldFlags |= FLAG_ESCAPED;
                        pos += 2;
                        continue;
                    }
                }
                break;
            }
            if (c == escape && !sameEscape) {
                if (!available(2)) {
                    pos++;
                    continue;
                }
                fieldFlags |= FLAG_ESCAPED;
                pos += 2;
                continue;
            }
            if (c == '\n') {
                nextLine++;
            } else if (c == '\r') {
                if (!available(2) || buf[pos + 1] != '\n') {
                    nextLine++;
                }
            }
            high |= c & 0xff;
            pos++;
        }
        int end = pos - recordStart;
        pos++;
        highBits |= high;
        addField(start, end, fieldFlags);
        if (pos >= limit && !fill()) {
            recordEnd = pos;
            return false;
        }
        int c = buf[pos] & 0xff;
        if ((special[c] & SPECIAL_DELIMITER) != 0) {
            pos++;
            return true;
        }
        if (c == '\n' || c == '\r') {
            recordEnd = pos;
            consumeTerminator();
            return false;
        }
        kind = Kind.BAD;
        problem = Problem.TEXT_AFTER_QUOTE;
        problemField = fieldCount;
        skipRestOfLine();
        return false;
    }

    private void addField(int start, int end, int fieldFlags) {
        starts[fieldCount] = start;
        ends[fieldCount] = end;
        flags[fieldCount] = (byte) fieldFlags;
        fieldCount++;
    }

    /** At a CR or LF: consumes one terminator and counts the line. */
    private void consumeTerminator() throws IOException {
        if (buf[pos] == '\n') {
            pos++;
            terminatorsSeen |= LF;
        } else {
            pos++;
            if (available(1) && buf[pos] == '\n') {
                pos++;
                terminatorsSeen |= CRLF;
            } else {
                terminatorsSeen |= CR;
            }
        }
        nextLine++;
    }

    /** Skips to the end of the current physical line, ignoring quotes, after a problem in the record. */
    private void skipRestOfLine() throws IOException {
        while (true) {
            while (pos < limit) {
                byte c = buf[pos];
                if (c == '\n' || c == '\r') {
                    recordEnd = pos;
                    consumeTerminator();
                    return;
                }
                pos++;
            }
            if (pos - recordStart > maxRecordBytes) {
                skipLongLine();
                return;
            }
            if (!fill()) {
                recordEnd = pos;
                return;
            }
        }
    }

    /** The record grew past the limit on one line: keep its start for the reject log and drop the rest. */
    private void skipLongLine() throws IOException {
        kind = Kind.BAD;
        problem = Problem.TOO_LONG;
        compact();
        int keep = Math.min(pos, maxRecordBytes);
        recordEnd = keep;
        while (true) {
            while (pos < limit) {
                byte c = buf[pos];
                if (c == '\n' || c == '\r') {
                    consumeTerminator();
                    return;
                }
                pos++;
            }
            pos = keep;
            limit = keep;
            if (!fill()) {
                return;
            }
        }
    }

    /**
     * The record's quoted field never closed (or grew past the limit): report its first physical line and go on
     * reading from the line after it, so one bad quote cannot swallow the rest of the file.
     */
    private void resumeAfterFirstLine(Problem found) throws IOException {
        kind = Kind.BAD;
        problem = found;
        int p = recordStart;
        while (p < limit && buf[p] != '\n' && buf[p] != '\r') {
            p++;
        }
        recordEnd = p;
        nextLine = line;
        if (p - recordStart > maxRecordBytes) {
            problem = Problem.TOO_LONG;
            pos = p;
            skipLongLine();
            return;
        }
        if (p >= limit) {
            pos = limit;
            nextLine = line + 1;
            return;
        }
        pos = p;
        consumeTerminator();
    }

    /** Reads more bytes, keeping the current record; false at the end of the input. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (limit == buf.length) {
            compact();
        }
        if (limit == buf.length) {
            int grown = Math.min(buf.length * 2, maxRecordBytes + 16);
            buf = Arrays.copyOf(buf, Math.max(grown, buf.length + 16));
        }
        int n = in.read(buf, limit, Math.min(buf.length - limit, readChunk));
        if (n <= 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    /** Moves the current record to the start of the buffer. */
    private void compact() {
        if (recordStart > 0) {
            System.arraycopy(buf, recordStart, buf, 0, limit - recordStart);
            pos -= recordStart;
            limit -= recordStart;
            recordEnd = Math.max(0, recordEnd - recordStart);
            recordStart = 0;
        }
    }

    /** Makes {@code n} bytes from the current position available; false when the input ends first. */
    private boolean available(int n) throws IOException {
        while (limit - pos < n) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    Kind kind() {
        return kind;
    }

    Problem problem() {
        return problem;
    }

    /** The 1-based field of a {@link Problem#TEXT_AFTER_QUOTE}. */
    int problemField() {
        return problemField;
    }

    /** The 1-based physical line where the record starts. */
    long line() {
        return line;
    }

    int fieldCount() {
        return fieldCount;
    }

    byte[] buffer() {
        return buf;
    }

    int fieldStart(int field) {
        return recordStart + starts[field];
    }

    int fieldEnd(int field) {
        return recordStart + ends[field];
    }

    boolean isQuoted(int field) {
        return (flags[field] & FLAG_QUOTED) != 0;
    }

    boolean isEscaped(int field) {
        return (flags[field] & FLAG_ESCAPED) != 0;
    }

    /** True when an unquoted field of this record holds a quote character. */
    boolean hasStrayQuotes() {
        return strayQuotes;
    }

    /** True when the record holds a byte of 0x80 or more. */
    boolean hasHighBytes() {
        return (highBits & 0x80) != 0;
    }

    /** The record's raw bytes, without its line terminator (cut short for a record over the size limit). */
    int recordStart() {
        return recordStart;
    }

    int recordEnd() {
        return recordEnd;
    }

    /** The line terminators seen outside quoted fields so far, as {@link #LF} | {@link #CRLF} | {@link #CR}. */
    int terminatorsSeen() {
        return terminatorsSeen;
    }

    /** The number of physical lines started so far. */
    long linesRead() {
        return nextLine - 1;
    }
}
