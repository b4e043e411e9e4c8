package io.quarry.engine.ingest;

import io.quarry.engine.ColumnType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Guesses a file's dialect from its first bytes: the delimiter (the candidate that splits the records most
 * consistently into more than one field), the escape character, lines of preamble before the header, and whether the
 * first record is a header (it is, unless its values fit the types of the records below it).
 */
final class CsvSniffer {

    private static final byte QUOTE = '"';
    private static final byte BACKSLASH = '\\';
    private static final int[] CANDIDATES = {',', '\t', ';', '|'};
    private static final int MAX_PREAMBLE_RECORDS = 20;

    /**
     * What the sniffer decided.
     *
     * @param delimiter the delimiter, or -1 for a single-column file
     * @param preambleLines physical lines before the header (or the first data row)
     * @param headerFields fields in the header record (equal to {@code fieldCount} without a header)
     * @param fieldCount fields in a data record
     */
    record Sniffed(int delimiter, byte escape, long preambleLines, boolean header, int headerFields, int fieldCount) {}

    private record Shape(int delimiter, byte escape, List<long[]> records, int bad, int mode, double consistency) {}

    private CsvSniffer() {}

    /**
     * @param sample the first bytes of the text
     * @param complete whether the sample is the whole file (else its last record may be cut short and is ignored)
     * @param preferTab whether the file's name says it holds tab-separated values
     */
    static Sniffed sniff(byte[] whole, boolean complete, boolean preferTab) {
        byte[] sample = complete ? whole : upToLastNewline(whole);
        Shape best = null;
        for (int delimiter : CANDIDATES) {
            Shape shape = shape(sample, delimiter, QUOTE);
            if (shape.mode() > 1 && (best == null || better(shape, best, preferTab))) {
                best = shape;
            }
        }
        if (best == null) {
            best = shape(sample, singleColumnDelimiter(sample), QUOTE);
            best = new Shape(-1, QUOTE, best.records(), best.bad(), 1, 1);
        }
        if (best.bad() > 0) {
            Shape backslash = shape(sample, best.delimiter(), BACKSLASH);
            if (backslash.bad() == 0 && backslash.mode() == best.mode()) {
                best = backslash;
            }
        }
        return decide(sample, best);
    }

    private static boolean better(Shape shape, Shape best, boolean preferTab) {
        if (Math.abs(shape.consistency() - best.consistency()) > 1e-9) {
            return shape.consistency() > best.consistency();
        }
        if (preferTab && (shape.delimiter() == '\t') != (best.delimiter() == '\t')) {
            return shape.delimiter() == '\t';
        }
        return shape.mode() > best.mode();
    }

    /** A single-column file still needs a delimiter for the reader: pick one that never occurs in the sample. */
    private static int singleColumnDelimiter(byte[] sample) {
        for (int candidate : CANDIDATES) {
            boolean seen = false;
            for (byte b : sample) {
                if (b == candidate) {
                    seen = true;
                    break;
                }
            }
            if (!seen) {
                return candidate;
            }
        }
        return ',';
    }

    /** Parses the sample; each record is {line, fieldCount}. */
    private static byte[] upToLastNewline(byte[] sample) {
        int end = sample.length;
        while (end > 0 && sample[end - 1] != '\n' && sample[end - 1] != '\r') {
            end--;
        }
        return end == 0 ? sample : Arrays.copyOf(sample, end);
    }

    private static Shape shape(byte[] sample, int delimiter, byte escape) {
        List<long[]> records = new ArrayList<>();
        int bad = 0;
        try {
            CsvRecordReader reader = reader(sample, delimiter, escape);
            while (reader.next()) {
                if (reader.kind() == CsvRecordReader.Kind.BLANK) {
                    continue;
                }
                if (reader.kind() == CsvRecordReader.Kind.BAD) {
                    bad++;
                    continue;
                }
                records.add(new long[] {reader.line(), reader.fieldCount()});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (long[] record : records) {
            counts.merge((int) record[1], 1, Integer::sum);
        }
        int mode = 0;
        int modeCount = 0;
        for (Map.Entry<Integer, Integer> entry : counts.entrySet()) {
            if (entry.getValue() > modeCount) {
                mode = entry.getKey();
                modeCount = entry.getValue();
            }
        }
        double consistency = records.isEmpty() ? 0 : (double) modeCount / (records.size() + bad);
        return new Shape(delimiter, escape, records, bad, mode, consistency);
    }

    private static Sniffed decide(byte[] sample, Shape shape) {
        List<long[]> records = shape.records();
        int fields = shape.mode();
        if (records.isEmpty()) {
            return new Sniffed(shape.delimiter(), shape.escape(), 0, true, Math.max(fields, 1), Math.max(fields, 1));
        }
        int first = 0;
        while (first < records.size() && first < MAX_PREAMBLE_RECORDS && records.get(first)[1] != fields) {
            first++;
        }
        if (first == records.size() || first == MAX_PREAMBLE_RECORDS) {
            first = 0;
        }
        int headerIndex = first;
        if (first == 1 && records.get(0)[1] > 1 && records.get(0)[1] < fields) {
            headerIndex = 0;
        }
        long preambleLines = records.get(headerIndex)[0] - 1;
        int headerFields = (int) records.get(headerIndex)[1];
        boolean header = headerFields != fields || !firstRowFitsTypes(sample, shape, preambleLines, fields);
        return new Sniffed(
                shape.delimiter(), shape.escape(), preambleLines, header, header ? headerFields : fields, fields);
    }

    /** True when the first record's values all fit the types the following records suggest, and one is typed. */
    private static boolean firstRowFitsTypes(byte[] sample, Shape shape, long preambleLines, int fields) {
        ColumnTypeTracker[] trackers = new ColumnTypeTracker[fields];
        Arrays.setAll(trackers, i -> new ColumnTypeTracker());
        List<byte[]> firstRow = null;
        try {
            CsvRecordReader reader = reader(sample, shape.delimiter(), shape.escape());
            FieldValues values = new FieldValues(shape.escape());
            while (reader.next()) {
                if (reader.line() <= preambleLines
                        || reader.kind() != CsvRecordReader.Kind.RECORD
                        || reader.fieldCount() != fields) {
                    continue;
                }
                if (firstRow == null) {
                    firstRow = new ArrayList<>();
                    for (int i = 0; i < fields; i++) {
                        firstRow.add(values.copy(reader, i));
                    }
                    continue;
                }
                for (int i = 0; i < fields; i++) {
                    values.track(reader, i, false, trackers[i]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (firstRow == null) {
            return false;
        }
        boolean typed = false;
        for (int i = 0; i < fields; i++) {
            ColumnType type = trackers[i].type();
            byte[] value = firstRow.get(i);
            if (!ColumnTypeTracker.fits(type, value, 0, value.length)) {
                return false;
            }
            typed |= type != ColumnType.VARCHAR;
        }
        return typed;
    }

    private static CsvRecordReader reader(byte[] sample, int delimiter, byte escape) {
        return new CsvRecordReader(
                new ByteArrayInputStream(sample), delimiter, QUOTE, escape, Integer.MAX_VALUE - 64, 1 << 20);
    }
}
