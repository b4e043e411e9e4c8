package io.quarry.engine.tck;

import static io.quarry.engine.ColumnType.BIGINT;
import static io.quarry.engine.ColumnType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.engine.Capability;
import io.quarry.engine.Column;
import io.quarry.engine.Dataset;
import io.quarry.engine.EngineError;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Nulls and empty strings, column names and labels, headers shorter than the rows. */
abstract class ColumnContract extends ContractPart {

    ColumnContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    @EachBufferSize
    void readsUnquotedEmptyAsNullAndQuotedEmptyAsEmptyText(int buffer) {
        Dataset dataset = ingestResource("nulls.csv", buffer(buffer)).dataset();

        assertThat(names(dataset)).containsExactly("id", "name", "amount", "score", "code");
        assertThat(types(dataset)).containsExactly(BIGINT, VARCHAR, VARCHAR, BIGINT, VARCHAR);
        assertThat(rows(dataset))
                .containsExactly(
                        row(1L, "Ann", "5", 10L, "NULL"), row(2L, null, "", null, "NA"), row(3L, "", "7", 30L, "-"));
    }

    @EachBufferSize
    void keepsHostileHeadersAsLabelsAndDerivesSafeNames(int buffer) {
        Dataset dataset = ingestResource("hostile-header.csv", buffer(buffer)).dataset();

        assertThat(labels(dataset))
                .containsExactly(
                        "Price ($)",
                        "\"; DROP TABLE x; --",
                        "",
                        "Straße Nr. 1",
                        " spaced  out ",
                        "1st-col",
                        "日付",
                        "___",
                        "%");
        assertThat(names(dataset))
                .containsExactly(
                        "Price",
                        "DROP_TABLE_x",
                        "column_3",
                        "Straße_Nr_1",
                        "spaced_out",
                        "1st_col",
                        "日付",
                        "column_8",
                        "column_9");
        assertThat(types(dataset))
                .containsExactly(VARCHAR, BIGINT, BIGINT, BIGINT, BIGINT, BIGINT, BIGINT, BIGINT, BIGINT);
        assertThat(rows(dataset))
                .containsExactly(
                        row("book", 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), row("pen", 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L));
    }

    @EachBufferSize
    void numbersDuplicateNamesCaseInsensitivelySkippingTakenNames(int buffer) {
        Dataset dataset =
                ingestResource("duplicate-headers.csv", buffer(buffer)).dataset();

        assertThat(labels(dataset))
                .containsExactly("a", "a_2", "A", "a", "Name", "NAME", "x y", "x-y", "column_10", "");
        assertThat(names(dataset))
                .containsExactly(
                        "a", "a_2", "A_3", "a_4", "Name", "NAME_2", "x_y", "x_y_2", "column_10", "column_10_2");
        assertThat(rows(dataset))
                .containsExactly(
                        row(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L),
                        row(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L));
    }

    @Test
    void numbersRepeatedHeadersInFileOrder() {
        Dataset dataset = ingest("a,A,a\n1,2,3\n").dataset();

        assertThat(names(dataset)).containsExactly("a", "A_2", "a_3");
        assertThat(labels(dataset)).containsExactly("a", "A", "a");
    }

    @Test
    void keepsAThousandCharacterLabelAndTheFirstThousandOfALongerOne() {
        String longest = "n".repeat(1_000);
        Dataset dataset = ingest("id," + longest + "\n1,2\n").dataset();
        Dataset longer = ingest("id," + longest + "x," + "m".repeat(1 << 20) + "\n1,2,3\n")
                .dataset();

        assertThat(labels(dataset)).containsExactly("id", longest);
        assertThat(names(dataset)).containsExactly("id", longest);
        assertThat(dataset.warnings()).isEmpty();
        assertThat(labels(longer)).containsExactly("id", longest, "m".repeat(1_000));
        assertThat(longer.rowCount()).isEqualTo(1);
        assertThat(longer.warnings())
                .contains("The header names of columns 2, 3 had more than 1,000 characters; their first 1,000 are"
                        + " kept.");
    }

    @Test
    void refusesMoreThan16384Columns() {
        String header = String.join(",", Collections.nCopies(16_385, "x"));
        String row = String.join(",", Collections.nCopies(16_385, "1"));

        assertFails(
                () -> ingest(header + "\n" + row + "\n"),
                EngineError.CSV_TOO_MANY_COLUMNS,
                "The file has 16,385 columns; Quarry reads at most 16,384. Drop the columns you do not need, or split"
                        + " the file, and upload it again.");
    }

    @Test
    void derivesTheSameUniqueNamesEveryTime() {
        List<String> first = names(ingestResource("hostile-header.csv").dataset());
        List<String> second = names(ingestResource("hostile-header.csv").dataset());

        assertThat(second).isEqualTo(first);
        assertThat(first.stream().map(name -> name.toLowerCase(Locale.ROOT))).doesNotHaveDuplicates();
    }

    @EachBufferSize
    void namesTheColumnsAHeaderLacks(int buffer) {
        Dataset dataset = ingestResource("header-shorter.csv", buffer(buffer)).dataset();

        assertThat(dataset.warnings())
                .containsExactly("The header names 3 columns but the rows have 4; the extra column is named column_4.");
        assertThat(dataset.columns())
                .containsExactly(
                        new Column("a", "a", BIGINT, 0),
                        new Column("b", "b", BIGINT, 1),
                        new Column("c", "c", BIGINT, 2),
                        new Column("column_4", "", BIGINT, 3));
        assertThat(dataset.rejectedCount()).isZero();
        assertThat(rows(dataset)).containsExactly(row(1L, 2L, 3L, 4L), row(5L, 6L, 7L, 8L), row(9L, 10L, 11L, 12L));
    }

    @Test
    void namesSeveralColumnsAHeaderLacksAsARange() {
        Dataset dataset = ingest("a,b,c\n1,2,3,4,5\n6,7,8,9,10\n").dataset();

        assertThat(dataset.warnings())
                .containsExactly(
                        "The header names 3 columns but the rows have 5; the extra columns are named column_4 to column_5.");
        assertThat(names(dataset)).containsExactly("a", "b", "c", "column_4", "column_5");
        assertThat(labels(dataset)).containsExactly("a", "b", "c", "", "");
        assertThat(rows(dataset)).containsExactly(row(1L, 2L, 3L, 4L, 5L), row(6L, 7L, 8L, 9L, 10L));
    }
}
