package io.quarry.engine.tck;

import static io.quarry.engine.ColumnType.BIGINT;
import static io.quarry.engine.ColumnType.DATE;
import static io.quarry.engine.ColumnType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.engine.Capability;
import io.quarry.engine.Column;
import io.quarry.engine.ColumnType;
import io.quarry.engine.Dataset;
import io.quarry.engine.Dialect;
import io.quarry.engine.IngestResult;
import io.quarry.engine.QuarryException;
import io.quarry.engine.Reject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Delimiters, quotes, escapes, headers, line endings, blank lines and preambles. */
abstract class DialectContract extends ContractPart {

    DialectContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    @Test
    void readsAPlainFileAsRfc4180Utf8WithHeader() {
        Dataset dataset = ingest("a,b\n1,x\n").dataset();

        assertThat(dataset.dialect()).isEqualTo(new Dialect(',', '"', '"', true, "UTF-8", "LF"));
        assertThat(dataset.warnings()).isEmpty();
        assertThat(rows(dataset)).containsExactly(row(1L, "x"));
    }

    @EachBufferSize
    void sniffsSemicolonAndKeepsDigitGroupingAsText(int buffer) {
        Dataset dataset = ingestResource("semicolon.csv", buffer(buffer)).dataset();

        assertThat(dataset.dialect().delimiter()).isEqualTo(';');
        assertThat(names(dataset)).containsExactly("city", "population", "share");
        assertThat(types(dataset)).containsExactly(VARCHAR, VARCHAR, BIGINT);
        assertThat(rows(dataset))
                .containsExactly(row("Bern", "1,000", 12L), row("Basel", "2,000", 7L), row("Chur", "950", 3L));
    }

    @EachBufferSize
    void sniffsPipe(int buffer) {
        Dataset dataset = ingestResource("pipe.csv", buffer(buffer)).dataset();

        assertThat(dataset.dialect().delimiter()).isEqualTo('|');
        assertThat(rows(dataset)).containsExactly(row(1L, "x, y", 2L), row(3L, "z", 4L));
    }

    @EachBufferSize
    void readsTsvAsTabSeparated(int buffer) {
        Dataset dataset = ingestResource("tab.tsv", buffer(buffer)).dataset();

        assertThat(dataset.dialect().delimiter()).isEqualTo('\t');
        assertThat(names(dataset)).containsExactly("name", "score");
        assertThat(rows(dataset)).containsExactly(row("Ann, Jr.", 3L), row("Bob", 4L));
    }

    @EachBufferSize
    void readsCrlfLineEndings(int buffer) {
        Dataset dataset = ingestResource("crlf.csv", buffer(buffer)).dataset();

        assertThat(dataset.dialect().lineEnding()).isEqualTo("CRLF");
        assertThat(labels(dataset)).containsExactly("a", "b");
        assertThat(rows(dataset)).containsExactly(row(1L, "x"), row(2L, "y"));
    }

    @EachBufferSize
    void readsCrOnlyLineEndings(int buffer) {
        Dataset dataset = ingestResource("cr-only.csv", buffer(buffer)).dataset();

        assertThat(dataset.dialect().lineEnding()).isEqualTo("CR");
        assertThat(labels(dataset)).containsExactly("a", "b");
        assertThat(rows(dataset)).containsExactly(row(1L, "x"), row(2L, "y"));
    }

    @EachBufferSize
    void readsMixedLineEndings(int buffer) {
        Dataset dataset =
                ingestResource("mixed-line-endings.csv", buffer(buffer)).dataset();

        assertThat(dataset.dialect().lineEnding()).isEqualTo("mixed");
        assertThat(rows(dataset)).containsExactly(row(1L, "x"), row(2L, "y"), row(3L, "z"));
    }

    @EachBufferSize
    void skipsBlankLinesWithAWarning(int buffer) {
        Dataset dataset = ingestResource("blank-lines.csv", buffer(buffer)).dataset();

        assertThat(dataset.warnings()).containsExactly("Skipped 3 blank lines.");
        assertThat(dataset.rowCount()).isEqualTo(3);
        assertThat(dataset.rejectedCount()).isZero();
        assertThat(rows(dataset)).containsExactly(row(1L, "x"), row(2L, "y"), row(3L, "z"));
    }

    @Test
    void countsASingleBlankLineInTheSingular() {
        Dataset dataset = ingest("a,b\n1,x\n\n2,y\n").dataset();

        assertThat(dataset.warnings()).containsExactly("Skipped 1 blank line.");
        assertThat(rows(dataset)).containsExactly(row(1L, "x"), row(2L, "y"));
    }

    @Test
    void countsBlankLinesInTheLineNumbersOfRejects() {
        IngestResult result = ingest("a,b\n\n1,x\n3\n4,y\n");

        assertThat(result.rejects()).containsExactly(new Reject(4, "Line 4 has 1 field; the header has 2.", "3"));
        assertThat(rows(result.dataset())).containsExactly(row(1L, "x"), row(4L, "y"));
    }

    @EachBufferSize
    void skipsLinesBeforeTheHeaderWithAWarning(int buffer) {
        Dataset dataset = ingestResource("preamble.csv", buffer(buffer)).dataset();

        assertThat(dataset.warnings()).containsExactly("Skipped 2 lines before the header.");
        assertThat(dataset.dialect().header()).isTrue();
        assertThat(names(dataset)).containsExactly("region", "units", "revenue");
        assertThat(types(dataset)).containsExactly(VARCHAR, BIGINT, ColumnType.decimal(3, 2));
        assertThat(dataset.rowCount()).isEqualTo(2);
        assertThat(dataset.rejectedCount()).isZero();
        assertThat(rows(dataset))
                .containsExactly(row("North", 10L, new BigDecimal("1.50")), row("South", 7L, new BigDecimal("2.25")));
    }

    @Test
    void countsASinglePreambleLineInTheSingular() {
        Dataset dataset = ingest("Report\na,b\n1,2\n3,4\n5,6\n").dataset();

        assertThat(dataset.warnings()).containsExactly("Skipped 1 line before the header.");
        assertThat(labels(dataset)).containsExactly("a", "b");
        assertThat(rows(dataset)).containsExactly(row(1L, 2L), row(3L, 4L), row(5L, 6L));
    }

    @Test
    void countsThePreambleInTheLineNumbersOfRejects() {
        IngestResult result = ingest("Report\na,b\n1,2\n3\n4,5\n6,7\n");

        assertThat(result.rejects()).containsExactly(new Reject(4, "Line 4 has 1 field; the header has 2.", "3"));
        assertThat(rows(result.dataset())).containsExactly(row(1L, 2L), row(4L, 5L), row(6L, 7L));
    }

    @EachBufferSize
    void readsASingleColumnWithoutSplittingValues(int buffer) {
        Dataset dataset = ingestResource("single-column.csv", buffer(buffer)).dataset();

        assertThat(labels(dataset)).containsExactly("city");
        assertThat(dataset.rowCount()).isEqualTo(4);
        assertThat(dataset.rejectedCount()).isZero();
        assertThat(rows(dataset)).containsExactly(row("Bern"), row("St. Gallen"), row("Ann, Jr."), row("Zürich"));
    }

    @Test
    void readsASingleNumericColumnWithoutHeader() {
        Dataset dataset = ingest("42\n7\n13\n").dataset();

        assertThat(dataset.dialect().header()).isFalse();
        assertThat(dataset.columns()).containsExactly(new Column("column_1", "column_1", BIGINT, 0));
        assertThat(rows(dataset)).containsExactly(row(42L), row(7L), row(13L));
    }

    @EachBufferSize
    void readsAFileWithoutHeader(int buffer) {
        Dataset dataset = ingestResource("no-header.csv", buffer(buffer)).dataset();

        assertThat(dataset.dialect().header()).isFalse();
        assertThat(dataset.columns())
                .containsExactly(
                        new Column("column_1", "column_1", BIGINT, 0),
                        new Column("column_2", "column_2", ColumnType.decimal(3, 2), 1),
                        new Column("column_3", "column_3", DATE, 2));
        assertThat(rows(dataset))
                .containsExactly(
                        row(1L, new BigDecimal("2.50"), LocalDate.of(2024, 1, 2)),
                        row(2L, new BigDecimal("3.75"), LocalDate.of(2024, 2, 3)),
                        row(3L, new BigDecimal("4.00"), LocalDate.of(2024, 3, 4)));
    }

    @Test
    void comparesRaggedRowsWithTheFirstRowWhenThereIsNoHeader() {
        IngestResult result = ingest("1,2\n3,4\n5\n6,7\n");

        assertThat(result.dataset().dialect().header()).isFalse();
        assertThat(result.rejects()).containsExactly(new Reject(3, "Line 3 has 1 field; the first row has 2.", "5"));
        assertThat(rows(result.dataset())).containsExactly(row(1L, 2L), row(3L, 4L), row(6L, 7L));
    }

    @EachBufferSize
    void readsQuotedDelimitersQuotesAndNewlinesAndCountsTheirLines(int buffer) {
        IngestResult result = ingestResource("quoted-newline.csv", buffer(buffer));
        Dataset dataset = result.dataset();

        assertThat(dataset.rowCount()).isEqualTo(4);
        assertThat(dataset.rejectedCount()).isEqualTo(1);
        assertThat(result.rejects()).containsExactly(new Reject(5, "Line 5 has 1 field; the header has 2.", "3"));
        assertThat(types(dataset)).containsExactly(BIGINT, VARCHAR);
        assertThat(rows(dataset))
                .containsExactly(
                        row(1L, "line one\nline two"), row(2L, "say \"hi\", ok"), row(4L, "a,b"), row(5L, "x\r\ny"));
    }

    @Test
    void countsAQuotedCrlfAsOneLine() {
        IngestResult result = ingest("a,b\r\n1,\"x\r\ny\"\r\n2\r\n3,z\r\n");

        assertThat(result.dataset().dialect().lineEnding()).isEqualTo("CRLF");
        assertThat(result.rejects()).containsExactly(new Reject(4, "Line 4 has 1 field; the header has 2.", "2"));
        assertThat(rows(result.dataset())).containsExactly(row(1L, "x\r\ny"), row(3L, "z"));
    }

    @EachBufferSize
    void readsBackslashEscapedQuotes(int buffer) {
        Dataset dataset = ingestResource("backslash-escape.csv", buffer(buffer)).dataset();

        assertThat(dataset.dialect().quote()).isEqualTo('"');
        assertThat(dataset.dialect().escape()).isEqualTo('\\');
        assertThat(rows(dataset)).containsExactly(row(1L, "She said \"hi\""), row(2L, "plain"), row(3L, "a \"b\" c"));
    }

    @EachBufferSize
    void readsAHeaderOnlyFileAsAnEmptyDataset(int buffer) {
        Dataset dataset = ingestResource("header-only.csv", buffer(buffer)).dataset();

        assertThat(dataset.rowCount()).isZero();
        assertThat(dataset.rejectedCount()).isZero();
        assertThat(dataset.dialect().header()).isTrue();
        assertThat(dataset.columns())
                .containsExactly(
                        new Column("a", "a", VARCHAR, 0),
                        new Column("b", "b", VARCHAR, 1),
                        new Column("c", "c", VARCHAR, 2));
        assertThat(rows(dataset)).isEmpty();
    }

    /** Everything an ingest tells, so that runs with different read buffers can be compared whole. */
    record Outcome(
            List<Column> columns,
            Dialect dialect,
            List<String> warnings,
            long rowCount,
            long rejectedCount,
            List<List<Object>> rows,
            List<Reject> rejects,
            String failure) {}

    private Outcome outcome(String file, int buffer) {
        try {
            IngestResult result = ingestResource(file, buffer(buffer));
            Dataset dataset = result.dataset();
            return new Outcome(
                    dataset.columns(),
                    dataset.dialect(),
                    dataset.warnings(),
                    dataset.rowCount(),
                    dataset.rejectedCount(),
                    rows(dataset),
                    engine().readRejects(dataset.id(), 0, 1_000).rejects(),
                    "");
        } catch (QuarryException e) {
            return new Outcome(
                    List.of(), null, List.of(), 0, 0, List.of(), List.of(), e.code() + ": " + e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "backslash-escape.csv",
                "binary.csv",
                "blank-lines.csv",
                "bom-utf8.csv",
                "cr-only.csv",
                "crlf.csv",
                "duplicate-headers.csv",
                "empty.csv",
                "header-only.csv",
                "header-shorter.csv",
                "hostile-header.csv",
                "latin1.csv",
                "leading-zeros.csv",
                "long-record.csv",
                "mixed-invalid-utf8.csv",
                "mixed-line-endings.csv",
                "no-header.csv",
                "nulls.csv",
                "pages.csv",
                "pipe.csv",
                "preamble.csv",
                "quoted-newline.csv",
                "ragged-rows.csv",
                "semicolon.csv",
                "single-column.csv",
                "tab.tsv",
                "text-after-quote.csv",
                "types-bigint.csv",
                "types-boolean.csv",
                "types-decimal.csv",
                "types-double.csv",
                "types-double-precision.csv",
                "types-not-numbers.csv",
                "types-temporal.csv",
                "types-too-big.csv",
                "unterminated-quote.csv",
                "utf16be-bom.csv",
                "utf16le-bom.csv"
            })
    void givesTheSameResultWhateverTheReadBuffer(String file) {
        Outcome expected = outcome(file, 0);

        for (int buffer : new int[] {1, 3, 7}) {
            assertThat(outcome(file, buffer))
                    .as("read buffer of %d bytes", buffer)
                    .isEqualTo(expected);
        }
    }
}
