package io.quarry.engine.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.engine.Capability;
import io.quarry.engine.Dataset;
import io.quarry.engine.EngineError;
import io.quarry.engine.IngestOptions;
import io.quarry.engine.IngestResult;
import io.quarry.engine.Reject;
import io.quarry.engine.RejectPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Records that cannot be read, the reject log, and the limits past which an ingest fails. */
abstract class RejectContract extends ContractPart {

    RejectContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    @EachBufferSize
    void rejectsRaggedRowsAndKeepsTheOthers(int buffer) {
        IngestResult result = ingestResource("ragged-rows.csv", buffer(buffer));
        Dataset dataset = result.dataset();

        List<Reject> expected = List.of(
                new Reject(3, "Line 3 has 1 field; the header has 2.", "B"),
                new Reject(4, "Line 4 has 3 fields; the header has 2.", "C,3,extra"));
        assertThat(result.rejects()).isEqualTo(expected);
        assertThat(dataset.rowCount()).isEqualTo(2);
        assertThat(dataset.rejectedCount()).isEqualTo(2);
        assertThat(rows(dataset)).containsExactly(row("A", 1L), row("D", 4L));
        RejectPage log = engine().readRejects(dataset.id(), 0, 10);
        assertThat(log.rejects()).isEqualTo(expected);
        assertThat(log.total()).isEqualTo(2);
    }

    @Test
    void cutsTheRawTextOfARejectAtTheLimit() {
        IngestResult result = ingestResource(
                "ragged-rows.csv", IngestOptions.builder().rawTextLimit(5).build());

        assertThat(result.rejects()).extracting(Reject::raw).containsExactly("B", "C,3,e");
    }

    @EachBufferSize
    void rejectsAQuoteThatIsNeverClosed(int buffer) {
        IngestResult result = ingestResource("unterminated-quote.csv", buffer(buffer));

        assertThat(result.rejects()).singleElement().satisfies(reject -> {
            assertThat(reject.line()).isEqualTo(5);
            assertThat(reject.reason()).isEqualTo("Line 5 starts a quoted field that is never closed.");
            assertThat(reject.raw()).startsWith("4,\"never closed");
        });
        assertThat(result.dataset().rowCount()).isEqualTo(3);
        assertThat(result.dataset().rejectedCount()).isEqualTo(1);
        assertThat(rows(result.dataset())).containsExactly(row(1L, "ok"), row(2L, "fine"), row(3L, "also"));
    }

    @EachBufferSize
    void rejectsTextAfterAClosingQuote(int buffer) {
        IngestResult result = ingestResource("text-after-quote.csv", buffer(buffer));

        assertThat(result.rejects())
                .containsExactly(new Reject(4, "Line 4 has text after the closing quote of field 2.", "3,\"Cy\"x,z"));
        assertThat(result.dataset().rejectedCount()).isEqualTo(1);
        assertThat(rows(result.dataset())).containsExactly(row(1L, "Ann", "x"), row(2L, "Bo", "y"), row(4L, "Di", "w"));
    }

    @EachBufferSize
    void rejectsARecordLongerThanTheLimit(int buffer) {
        IngestOptions options = IngestOptions.builder()
                .readBufferBytes(buffer == 0 ? IngestOptions.defaults().readBufferBytes() : buffer)
                .maxRecordBytes(64)
                .build();

        IngestResult result = ingestResource("long-record.csv", options);

        assertThat(result.rejects()).singleElement().satisfies(reject -> {
            assertThat(reject.line()).isEqualTo(7);
            assertThat(reject.reason()).isEqualTo("Line 7 is longer than the limit of 64 bytes.");
            assertThat(reject.raw()).startsWith("6,xxxx");
        });
        assertThat(result.dataset().rowCount()).isEqualTo(6);
        assertThat(rows(result.dataset()))
                .containsExactly(row(1L, "a"), row(2L, "b"), row(3L, "c"), row(4L, "d"), row(5L, "e"), row(7L, "end"));
    }

    @Test
    void keepsTheFirstTenRejectsInTheResultAndPagesTheLogInLineOrder() {
        StringBuilder csv = new StringBuilder("a,b\n");
        List<Long> rejectedLines = new ArrayList<>();
        for (int record = 1; record <= 3_000; record++) {
            if (record % 120 == 0) {
                csv.append("x\n");
                rejectedLines.add(record + 1L);
            } else {
                csv.append(record).append(',').append(record).append('\n');
            }
        }

        IngestResult result = ingest(csv.toString());

        assertThat(rejectedLines).hasSize(25);
        assertThat(result.dataset().rejectedCount()).isEqualTo(25);
        assertThat(result.dataset().rowCount()).isEqualTo(2_975);
        assertThat(result.rejects()).extracting(Reject::line).isEqualTo(rejectedLines.subList(0, 10));
        RejectPage second = engine().readRejects(result.dataset().id(), 10, 10);
        assertThat(second.total()).isEqualTo(25);
        assertThat(second.rejects()).extracting(Reject::line).isEqualTo(rejectedLines.subList(10, 20));
        assertThat(second.rejects().getFirst().reason())
                .isEqualTo("Line " + rejectedLines.get(10) + " has 1 field; the header has 2.");
        assertThat(engine().readRejects(result.dataset().id(), 20, 10).rejects())
                .extracting(Reject::line)
                .isEqualTo(rejectedLines.subList(20, 25));
    }

    @Test
    void failsWhenTooManyRecordsAreRejectedAndPublishesNothing() {
        StringBuilder csv = new StringBuilder("a,b\n");
        int bad = 0;
        for (int record = 0; record < 20; record++) {
            if (record % 5 == 1 || record % 5 == 3) {
                csv.append(record).append(",1\n");
            } else {
                csv.append(bad++ % 2 == 0 ? "x\n" : "x,y,z\n");
            }
        }

        assertFails(
                () -> ingest(csv.toString()),
                EngineError.CSV_TOO_MANY_REJECTS,
                "12 of 20 records could not be read (60%), more than the 1% allowed. "
                        + "The first is line 2: Line 2 has 1 field; the header has 2.");
        assertThat(engine().listDatasets()).isEmpty();
        assertThat(stagingDirectories()).isEmpty();
    }

    @Test
    void reportsSharesWithOneDecimal() {
        StringBuilder csv = new StringBuilder("a,b\n1,1\nx\n");
        for (int record = 3; record <= 200; record++) {
            csv.append(record).append(",1\n");
        }
        IngestOptions strict = IngestOptions.builder()
                .maxRejectedShare(0.001)
                .toleratedRejects(0)
                .build();

        assertFails(
                () -> ingest(csv.toString(), strict),
                EngineError.CSV_TOO_MANY_REJECTS,
                "1 of 200 records could not be read (0.5%), more than the 0.1% allowed. "
                        + "The first is line 3: Line 3 has 1 field; the header has 2.");
    }

    @Test
    void roundsSharesToOneDecimal() {
        IngestOptions strict = IngestOptions.builder().toleratedRejects(0).build();

        assertFails(
                () -> ingest("a,b\n1,2\n3\n4,5\n", strict),
                EngineError.CSV_TOO_MANY_REJECTS,
                "1 of 3 records could not be read (33.3%), more than the 1% allowed. "
                        + "The first is line 3: Line 3 has 1 field; the header has 2.");
    }

    @Test
    void toleratesTenRejectsWhateverTheirShare() {
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int record = 1; record <= 10; record++) {
            csv.append(record).append(',').append(record).append('\n');
            csv.append(record % 2 == 0 ? "x\n" : "x,y,z\n");
        }

        Dataset dataset = ingest(csv.toString()).dataset();

        assertThat(dataset.rowCount()).isEqualTo(10);
        assertThat(dataset.rejectedCount()).isEqualTo(10);
    }

    @Test
    void acceptsAShareOfRejectsEqualToTheLimit() {
        IngestOptions half = IngestOptions.builder()
                .maxRejectedShare(0.5)
                .toleratedRejects(0)
                .build();

        Dataset dataset = ingest("a,b\n1,2\n3\n", half).dataset();

        assertThat(dataset.rowCount()).isEqualTo(1);
        assertThat(dataset.rejectedCount()).isEqualTo(1);
        assertThat(rows(dataset)).containsExactly(row(1L, 2L));
    }

    @Test
    void failsWhenNoRowCanBeRead() {
        assertFails(
                () -> ingest("a,b\n1,2,3\n4\n"),
                EngineError.CSV_NO_ROWS_LOADED,
                "No row could be read from the file. The first problem is line 2: Line 2 has 3 fields; the header has 2.");
        assertThat(engine().listDatasets()).isEmpty();
        assertThat(stagingDirectories()).isEmpty();
    }

    @Test
    void failsOnAnEmptyFile() {
        assertFails(() -> ingestResource("empty.csv"), EngineError.CSV_EMPTY_FILE, "The file is empty.");
        assertThat(engine().listDatasets()).isEmpty();
    }

    @Test
    void failsOnAMissingSource() {
        assertFails(
                () -> ingest(fixture().newSourcePath("missing.csv"), IngestOptions.defaults()),
                EngineError.SOURCE_NOT_FOUND);
    }
}
