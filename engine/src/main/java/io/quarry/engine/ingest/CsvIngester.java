package io.quarry.engine.ingest;

import io.quarry.engine.Column;
import io.quarry.engine.Dialect;
import io.quarry.engine.EngineError;
import io.quarry.engine.IngestListener;
import io.quarry.engine.IngestOptions;
import io.quarry.engine.IngestPhase;
import io.quarry.engine.IngestProgress;
import io.quarry.engine.Preview;
import io.quarry.engine.QuarryException;
import io.quarry.engine.Reject;
import io.quarry.engine.store.RowFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a whole CSV file once: checks every record, decides every column's type from every value, logs rejected
 * records with their line numbers, and writes the accepted records in the canonical dialect for the storage layer.
 */
public final class CsvIngester {

    private static final Logger LOG = LoggerFactory.getLogger(CsvIngester.class);
    private static final int SAMPLE_BYTES = 1 << 20;
    private static final int PREVIEW_CHUNK = 8 << 10;
    private static final long PROGRESS_NANOS = 250_000_000L;

    private final IngestOptions options;
    private final IngestListener listener;
    private final long startNanos;

    /**
     * The outcome of the pass.
     *
     * @param columns names, labels and types (positions in file order)
     * @param rows records accepted and written to the canonical file
     * @param rejected records written to the reject log
     * @param firstRejects the first rejects, for the ingest's result
     */
    public record ParsedCsv(
            List<Column> columns,
            Dialect dialect,
            List<String> warnings,
            long rows,
            long rejected,
            List<Reject> firstRejects,
            long sourceBytes,
            long longestRecord) {}

    public CsvIngester(IngestOptions options, IngestListener listener, long startNanos) {
        this.options = options;
        this.listener = listener;
        this.startNanos = startNanos;
    }

    /**
     * @param canonical where to write the accepted records (a header of column positions, then the rows)
     * @param rowIndex where to write the byte offset of each accepted record in {@code canonical}, then its length
     * @param rejectLog where to write the rejected records as CSV {@code line,reason,raw}
     */
    public ParsedCsv parse(Path source, Path canonical, Path rowIndex, Path rejectLog) {
        try (SourceStream stream = SourceStream.open(source, options.maxDecompressedBytes())) {
            return parse(stream, source, canonical, rowIndex, rejectLog);
        } catch (MalformedInputException e) {
            throw new QuarryException(
                    EngineError.CSV_UNREADABLE,
                    "The file starts with a UTF-16 byte order mark but is not valid UTF-16.");
        } catch (java.util.zip.ZipException | com.github.luben.zstd.ZstdIOException e) {
            throw new QuarryException(EngineError.CSV_UNREADABLE, "The compressed file is damaged or cut short.");
        } catch (IOException e) {
            throw new QuarryException(EngineError.CSV_UNREADABLE, "The file could not be read to the end.", e);
        }
    }

    /**
     * Reads the part of a file that is there (at most {@code maxBytes} of its text, cut after its last line break)
     * like a whole file, into {@code scratch}, tolerating any number of rejects; empty when no row could be read.
     */
    public static Optional<Preview> preview(Path source, int maxBytes, int maxRows, Path scratch) {
        byte[] prefix;
        try (SourceStream stream = SourceStream.open(source)) {
            prefix = readAvailable(stream.text(), maxBytes);
        } catch (IOException e) {
            return Optional.empty();
        }
        int end = prefix.length;
        while (end > 0 && prefix[end - 1] != '\n') {
            end--;
        }
        prefix = Arrays.copyOf(prefix, end);
        if (prefix.length == 0) {
            return Optional.empty();
        }
        IngestOptions tolerant = IngestOptions.builder()
                .maxRejectedShare(1)
                .toleratedRejects(Integer.MAX_VALUE)
                .build();
        try {
            Path part = Files.write(scratch.resolve(source.getFileName()), prefix);
            Path rows = scratch.resolve("rows.csv");
            Path index = scratch.resolve("rows.idx");
            ParsedCsv parsed = new CsvIngester(tolerant, IngestListener.NONE, System.nanoTime())
                    .parse(part, rows, index, scratch.resolve("rejects.csv"));
            try (RowFile file = RowFile.open(rows, index, parsed.columns())) {
                return Optional.of(new Preview(parsed.columns(), file.readRange(0, maxRows)));
            }
        } catch (QuarryException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new QuarryException(EngineError.STORAGE_FAILED, "The preview could not be written.", e);
        }
    }

    /**
     * Reads up to {@code maxBytes}, stopping quietly where a file still being written (or compressed) ends; small
     * reads, so a cut-off compressed stream loses at most one chunk.
     */
    private static byte[] readAvailable(InputStream in, int maxBytes) {
        byte[] buffer = new byte[maxBytes];
        int length = 0;
        try {
            int n;
            while (length < maxBytes && (n = in.read(buffer, length, Math.min(PREVIEW_CHUNK, maxBytes - length))) > 0) {
                length += n;
            }
        } catch (IOException e) {
            LOG.debug("A preview stopped at byte {}: {}", length, e.getMessage());
        }
        return Arrays.copyOf(buffer, length);
    }

    private ParsedCsv parse(SourceStream stream, Path source, Path canonical, Path rowIndex, Path rejectLog)
            throws IOException {
        InputStream text = stream.text();
        byte[] sample = text.readNBytes(SAMPLE_BYTES);
        boolean complete = sample.length < SAMPLE_BYTES;
        if (sample.length == 0) {
            throw new QuarryException(EngineError.CSV_EMPTY_FILE, "The file is empty.");
        }
        Optional<String> binary = BinaryFormats.recognise(sample);
        if (binary.isPresent()) {
            throw new QuarryException(
                    EngineError.CSV_NOT_TEXT,
                    "The file is " + binary.get() + ", not a CSV text file. Upload the data as CSV"
                            + " (a spreadsheet can be saved as CSV).");
        }
        for (int i = 0; i < sample.length; i++) {
            if (sample[i] == 0) {
                throw new QuarryException(
                        EngineError.CSV_NOT_TEXT,
                        "The file is not a text file (it has binary data near byte " + i
                                + "). Upload the data as CSV.");
            }
        }
        String fileName = source.getFileName().toString().toLowerCase(Locale.ROOT);
        CsvSniffer.Sniffed sniffed = CsvSniffer.sniff(sample, complete, fileName.contains(".tsv"));
        InputStream all = new SequenceInputStream(new ByteArrayInputStream(sample), text);
        CsvRecordReader reader = new CsvRecordReader(
                all,
                sniffed.delimiter(),
                (byte) '"',
                sniffed.escape(),
                options.maxRecordBytes(),
                options.readBufferBytes());
        Pass pass = new Pass(stream, reader, sniffed);
        try (CanonicalCsvWriter rows = new CanonicalCsvWriter(canonical, rowIndex);
                CanonicalCsvWriter rejects = new CanonicalCsvWriter(rejectLog, null)) {
            pass.run(rows, rejects);
            return pass.result(stream.size(), Math.max(rows.longestRecord(), rejects.longestRecord()));
        }
    }

    /** The state of one pass over the file. */
    private final class Pass {
        private final SourceStream stream;
        private final CsvRecordReader reader;
        private final CsvSniffer.Sniffed sniffed;
        private final int fields;
        private final ColumnTypeTracker[] trackers;
        private final FieldValues values;
        private final boolean canonicalDialect;
        private final List<Reject> firstRejects = new ArrayList<>();
        private List<String> labels = List.of();
        private final List<Integer> longLabels = new ArrayList<>();
        private boolean headerPending;
        private long rows;
        private long rejected;
        private long blankLines;
        private long legacyLines;
        private long firstLegacyLine;
        private boolean utf8TextSeen;
        private long lastProgress;

        Pass(SourceStream stream, CsvRecordReader reader, CsvSniffer.Sniffed sniffed) {
            this.stream = stream;
            this.reader = reader;
            this.sniffed = sniffed;
            this.fields = sniffed.fieldCount();
            ColumnNamer.checkColumnCount(fields);
            this.trackers = new ColumnTypeTracker[fields];
            Arrays.setAll(trackers, i -> new ColumnTypeTracker());
            this.values = new FieldValues(sniffed.escape());
            this.headerPending = sniffed.header();
            this.canonicalDialect = sniffed.delimiter() == ',' && sniffed.escape() == '"';
        }

        void run(CanonicalCsvWriter out, CanonicalCsvWriter rejects) throws IOException {
            writeCanonicalHeader(out);
            report(true);
            long records = 0;
            while (reader.next()) {
                if (reader.line() <= sniffed.preambleLines()) {
                    continue;
                }
                if (reader.kind() == CsvRecordReader.Kind.BLANK) {
                    blankLines++;
                    continue;
                }
                if (headerPending) {
                    readHeader();
                    continue;
                }
                if (reader.kind() == CsvRecordReader.Kind.BAD) {
                    reject(rejects, problem());
                } else if (reader.fieldCount() != fields) {
                    reject(rejects, ragged());
                } else {
                    accept(out);
                }
                if ((++records & 0xFFF) == 0) {
                    report(false);
                }
            }
            report(true);
            if (headerPending) {
                labels = new ArrayList<>();
            }
        }

        private void writeCanonicalHeader(CanonicalCsvWriter out) throws IOException {
            for (int i = 0; i < fields; i++) {
                out.writeValue("c" + i);
            }
            out.endRecord();
        }

        private void readHeader() {
            headerPending = false;
            boolean legacy = isLegacy();
            List<String> found = new ArrayList<>();
            int count = reader.kind() == CsvRecordReader.Kind.BAD ? 0 : reader.fieldCount();
            for (int i = 0; i < count; i++) {
                String label = values.text(reader, i, legacy);
                if (label.length() > ColumnNamer.MAX_LABEL_LENGTH) {
                    longLabels.add(i + 1);
                }
                found.add(ColumnNamer.shortened(label));
            }
            labels = found;
        }

        private void accept(CanonicalCsvWriter out) throws IOException {
            boolean legacy = isLegacy();
            for (int i = 0; i < fields; i++) {
                values.track(reader, i, legacy, trackers[i]);
            }
            byte[] b = reader.buffer();
            if (canonicalDialect && !legacy && !reader.hasStrayQuotes()) {
                out.writeRaw(b, reader.recordStart(), reader.recordEnd());
            } else {
                for (int i = 0; i < fields; i++) {
                    if (reader.fieldStart(i) == reader.fieldEnd(i) && !reader.isQuoted(i)) {
                        out.writeNull();
                    } else {
                        values.decode(reader, i, legacy);
                        out.writeValue(values.scratch(), 0, values.length());
                    }
                }
                out.endRecord();
            }
            rows++;
        }

        /** True when the record is not valid UTF-8 and is read as Windows-1252 instead. */
        private boolean isLegacy() {
            if (!reader.hasHighBytes()) {
                return false;
            }
            if (LegacyText.isValidUtf8(reader.buffer(), reader.recordStart(), reader.recordEnd())) {
                utf8TextSeen = true;
                return false;
            }
            if (legacyLines++ == 0) {
                firstLegacyLine = reader.line();
            }
            return true;
        }

        private String problem() {
            long line = reader.line();
            return switch (reader.problem()) {
                case UNTERMINATED_QUOTE -> "Line " + line + " starts a quoted field that is never closed.";
                case TEXT_AFTER_QUOTE ->
                    "Line " + line + " has text after the closing quote of field " + reader.problemField() + ".";
                case TOO_LONG ->
                    "Line " + line + " is longer than the limit of " + options.maxRecordBytes() + " bytes.";
            };
        }

        private String ragged() {
            int count = reader.fieldCount();
            String expected;
            if (!sniffed.header()) {
                expected = "the first row has " + fields;
            } else if (sniffed.headerFields() == fields) {
                expected = "the header has " + fields;
            } else {
                expected = "the other rows have " + fields;
            }
            return "Line " + reader.line() + " has " + count + (count == 1 ? " field; " : " fields; ") + expected + ".";
        }

        private void reject(CanonicalCsvWriter log, String reason) throws IOException {
            rejected++;
            byte[] b = reader.buffer();
            int start = reader.recordStart();
            int end = Math.max(start, reader.recordEnd());
            String raw = LegacyText.isValidUtf8(b, start, end)
                    ? new String(b, start, end - start, StandardCharsets.UTF_8)
                    : LegacyText.decodeWindows1252(b, start, end);
            if (raw.length() > options.rawTextLimit()) {
                raw = raw.substring(0, options.rawTextLimit());
            }
            log.writeValue(reader.line());
            log.writeValue(reason);
            log.writeValue(raw);
            log.endRecord();
            if (firstRejects.size() < io.quarry.engine.IngestResult.MAX_REJECT_SAMPLE) {
                firstRejects.add(new Reject(reader.line(), reason, raw));
            }
        }

        private void report(boolean always) {
            long now = System.nanoTime();
            if (!always && now - lastProgress < PROGRESS_NANOS) {
                return;
            }
            lastProgress = now;
            if (listener.isCancelled()) {
                throw new QuarryException(EngineError.INGEST_CANCELLED, "The ingest was cancelled.");
            }
            listener.onProgress(new IngestProgress(
                    IngestPhase.PARSE,
                    stream.bytesRead(),
                    stream.size(),
                    rows,
                    rejected,
                    (now - startNanos) / 1_000_000));
        }

        ParsedCsv result(long sourceBytes, long longestRecord) {
            checkRejects();
            List<String> warnings = new ArrayList<>();
            List<String> allLabels = new ArrayList<>(labels);
            if (sniffed.header() && allLabels.size() < fields) {
                warnings.add(headerShorter(allLabels.size()));
            }
            if (!longLabels.isEmpty()) {
                warnings.add(String.format(
                        Locale.ROOT,
                        "The header names of %s %s had more than %,d characters; their first %,d are kept.",
                        longLabels.size() == 1 ? "column" : "columns",
                        longLabels.stream().map(String::valueOf).collect(Collectors.joining(", ")),
                        ColumnNamer.MAX_LABEL_LENGTH,
                        ColumnNamer.MAX_LABEL_LENGTH));
            }
            while (allLabels.size() < fields) {
                allLabels.add(sniffed.header() ? "" : "column_" + (allLabels.size() + 1));
            }
            List<String> names = ColumnNamer.names(allLabels);
            List<Column> columns = new ArrayList<>();
            for (int i = 0; i < fields; i++) {
                String label = sniffed.header() ? allLabels.get(i) : names.get(i);
                columns.add(new Column(names.get(i), label, trackers[i].type(), i));
            }
            String encoding = stream.encoding();
            if (legacyLines > 0 && !utf8TextSeen) {
                encoding = "windows-1252";
                warnings.add("The file is not valid UTF-8; it was read as Windows-1252.");
            } else if (legacyLines > 0) {
                warnings.add(
                        legacyLines == 1
                                ? "1 line was not valid UTF-8 and was read as Windows-1252 (the first is line "
                                        + firstLegacyLine + ")."
                                : legacyLines
                                        + " lines were not valid UTF-8 and were read as Windows-1252 (the first is line "
                                        + firstLegacyLine + ").");
            }
            if (sniffed.preambleLines() > 0) {
                warnings.add("Skipped " + plural(sniffed.preambleLines(), "line") + " before the header.");
            }
            if (blankLines > 0) {
                warnings.add("Skipped " + plural(blankLines, "blank line") + ".");
            }
            char delimiter = sniffed.delimiter() < 0 ? ',' : (char) sniffed.delimiter();
            Dialect dialect =
                    new Dialect(delimiter, '"', (char) sniffed.escape(), sniffed.header(), encoding, lineEnding());
            return new ParsedCsv(columns, dialect, warnings, rows, rejected, firstRejects, sourceBytes, longestRecord);
        }

        private String headerShorter(int named) {
            String extra = fields - named == 1
                    ? "the extra column is named column_" + fields
                    : "the extra columns are named column_" + (named + 1) + " to column_" + fields;
            return "The header names " + named + " columns but the rows have " + fields + "; " + extra + ".";
        }

        private void checkRejects() {
            if (rejected == 0) {
                return;
            }
            Reject first = firstRejects.get(0);
            if (rows == 0) {
                throw new QuarryException(
                        EngineError.CSV_NO_ROWS_LOADED,
                        "No row could be read from the file. The first problem is line " + first.line() + ": "
                                + first.reason());
            }
            long records = rows + rejected;
            if (rejected > options.toleratedRejects() && rejected > options.maxRejectedShare() * records) {
                throw new QuarryException(
                        EngineError.CSV_TOO_MANY_REJECTS,
                        rejected + " of " + records + " records could not be read ("
                                + percent(100.0 * rejected / records) + "), more than the "
                                + percent(100 * options.maxRejectedShare()) + " allowed. The first is line "
                                + first.line() + ": " + first.reason());
            }
        }

        private String lineEnding() {
            return switch (reader.terminatorsSeen()) {
                case CsvRecordReader.CRLF -> "CRLF";
                case CsvRecordReader.CR -> "CR";
                case 0, CsvRecordReader.LF -> "LF";
                default -> "mixed";
            };
        }
    }

    private static String percent(double value) {
        return new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value) + "%";
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
