package io.quarry.server.dataset;

import io.quarry.engine.Column;
import io.quarry.engine.Engine;
import io.quarry.engine.Page;
import io.quarry.engine.PageRequest;
import io.quarry.engine.Row;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * A view of a dataset (its sort, filters and search; every matching row) as CSV, read from the engine a page at a time
 * so memory stays flat however many rows there are.
 *
 * <p>For spreadsheets (the default) the file starts with a UTF-8 byte-order mark, so Excel reads it as UTF-8, and text
 * that a spreadsheet would run as a formula ({@code = + - @}, tab or carriage return first) is prefixed with
 * {@code '}: a cell like {@code =HYPERLINK(...)} from a hostile file shows as text instead of running. Only text
 * values are touched, never numbers ({@code -5} stays a number). Without spreadsheet mode every value is exactly as
 * stored.
 */
public final class CsvExport {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Engine engine;
    private final PageRequest first;
    private final Page firstPage;

    /** Reads the first page at once, so a bad sort or filter fails before any byte of the answer is written. */
    public CsvExport(Engine engine, PageRequest first) {
        this.engine = engine;
        this.first = first;
        this.firstPage = engine.readPage(first);
    }

    /** Writes the header and every row; an {@link IOException} (the client went away) stops the reading too. */
    public long write(OutputStream out, boolean spreadsheet) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (spreadsheet) {
            writer.write(BYTE_ORDER_MARK);
        }
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180);
        List<String> header = new ArrayList<>();
        for (Column column : firstPage.columns()) {
            header.add(spreadsheet ? neutralise(column.label()) : column.label());
        }
        csv.printRecord(header);
        long written = 0;
        Page page = firstPage;
        while (true) {
            for (Row row : page.rows()) {
                List<@Nullable String> values = new ArrayList<>(row.values().size());
                for (Object value : row.values()) {
                    values.add(text(value, spreadsheet));
                }
                csv.printRecord(values);
            }
            written += page.rows().size();
            if (page.rows().size() < first.limit() || (page.totalExact() && written >= page.total())) {
                break;
            }
            page = engine.readPage(new PageRequest(
                    first.datasetId(), written, first.limit(), first.sort(), first.filters(), first.search()));
        }
        csv.flush();
        return written;
    }

    static @Nullable String text(@Nullable Object value, boolean spreadsheet) {
        return switch (value) {
            case null -> null;
            case String string -> spreadsheet ? neutralise(string) : string;
            case BigDecimal decimal -> decimal.toPlainString();
            case LocalDate date -> date.toString();
            case LocalDateTime timestamp -> (timestamp.getNano() == 0 ? SECONDS : MICROS).format(timestamp);
            default -> value.toString();
        };
    }

    /** Text a spreadsheet would take for a formula, prefixed with {@code '} so it stays text. */
    static String neutralise(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }
}
