package io.quarry.engine.tck;

import static io.quarry.engine.ColumnType.BIGINT;
import static io.quarry.engine.ColumnType.BOOLEAN;
import static io.quarry.engine.ColumnType.DATE;
import static io.quarry.engine.ColumnType.DOUBLE;
import static io.quarry.engine.ColumnType.TIMESTAMP;
import static io.quarry.engine.ColumnType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.engine.Capability;
import io.quarry.engine.ColumnType;
import io.quarry.engine.Dataset;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Column types, decided on the whole file: a type is chosen only when every value converts exactly. */
abstract class TypeContract extends ContractPart {

    private static final int BIG = 100_001;

    TypeContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    @EachBufferSize
    void readsIntegersAsBigint(int buffer) {
        Dataset dataset = ingestResource("types-bigint.csv", buffer(buffer)).dataset();

        assertThat(types(dataset)).containsExactly(BIGINT, BIGINT, BIGINT, BIGINT);
        assertThat(rows(dataset)).containsExactly(row(1L, -5L, 0L, Long.MAX_VALUE), row(22L, Long.MIN_VALUE, 0L, 1L));
    }

    @EachBufferSize
    void keepsLeadingZerosAsText(int buffer) {
        Dataset dataset = ingestResource("leading-zeros.csv", buffer(buffer)).dataset();

        assertThat(types(dataset)).containsExactly(VARCHAR, BIGINT);
        assertThat(rows(dataset)).containsExactly(row("007", 1L), row("100", 2L));
    }

    @EachBufferSize
    void keepsNumberLookalikesAsText(int buffer) {
        Dataset dataset =
                ingestResource("types-not-numbers.csv", buffer(buffer)).dataset();

        assertThat(names(dataset)).containsExactly("hex", "spaced", "plus", "nan", "inf", "negzero");
        assertThat(types(dataset)).containsOnly(VARCHAR).hasSize(6);
        assertThat(rows(dataset))
                .containsExactly(row("0x1F", " 7", "+5", "NaN", "inf", "-0"), row("2", "3", "4", "5", "6", "7"));
    }

    @EachBufferSize
    void readsDecimalsExactlyWithTheirWidestScale(int buffer) {
        Dataset dataset = ingestResource("types-decimal.csv", buffer(buffer)).dataset();

        assertThat(types(dataset))
                .containsExactly(ColumnType.decimal(5, 3), ColumnType.decimal(2, 1), ColumnType.decimal(20, 0));
        assertThat(rows(dataset))
                .containsExactly(
                        row(new BigDecimal("1.500"), new BigDecimal("1.0"), new BigDecimal("12345678901234567890")),
                        row(new BigDecimal("-0.250"), new BigDecimal("1.5"), new BigDecimal("1")),
                        row(new BigDecimal("10.125"), new BigDecimal("3.0"), new BigDecimal("-99999999999999999999")));
    }

    @EachBufferSize
    void readsExponentNotationAsDouble(int buffer) {
        Dataset dataset = ingestResource("types-double.csv", buffer(buffer)).dataset();

        assertThat(types(dataset)).containsExactly(DOUBLE, DOUBLE);
        assertThat(rows(dataset))
                .containsExactly(row(1500.0, 1.0), row(2.0, Double.valueOf("2.5E-2")), row(-3.25, 1.0));
    }

    @EachBufferSize
    void readsExponentNotationAsTextWhenAValueHasMoreThanFifteenDigits(int buffer) {
        Dataset dataset =
                ingestResource("types-double-precision.csv", buffer(buffer)).dataset();

        assertThat(types(dataset)).containsExactly(VARCHAR, DOUBLE);
        assertThat(rows(dataset)).containsExactly(row("1.5e3", 1500.0), row("1234567890123456", 123456789012345.0));
    }

    @EachBufferSize
    void keepsNumbersBeyondEveryTypeAsText(int buffer) {
        Dataset dataset = ingestResource("types-too-big.csv", buffer(buffer)).dataset();

        assertThat(types(dataset)).containsExactly(VARCHAR, VARCHAR);
        assertThat(rows(dataset))
                .containsExactly(row("1234567890123456789012345678901234567890", "1e400"), row("1", "2"));
    }

    @EachBufferSize
    void readsTrueAndFalseInAnyCaseAsBoolean(int buffer) {
        Dataset dataset = ingestResource("types-boolean.csv", buffer(buffer)).dataset();

        assertThat(types(dataset)).containsExactly(BOOLEAN, VARCHAR, BIGINT);
        assertThat(rows(dataset)).containsExactly(row(true, "yes", 1L), row(false, "no", 0L), row(true, "yes", 1L));
    }

    @EachBufferSize
    void readsRealDatesAndTimestamps(int buffer) {
        Dataset dataset = ingestResource("types-temporal.csv", buffer(buffer)).dataset();

        assertThat(names(dataset)).containsExactly("day", "bad_day", "at", "mixed", "too_fine");
        assertThat(types(dataset)).containsExactly(DATE, VARCHAR, TIMESTAMP, TIMESTAMP, VARCHAR);
        assertThat(rows(dataset))
                .containsExactly(
                        row(
                                LocalDate.of(2024, 2, 29),
                                "2024-02-30",
                                LocalDateTime.of(2024, 1, 2, 3, 4, 5),
                                LocalDateTime.of(2024, 1, 2, 0, 0),
                                "2024-01-02T03:04:05.1234567"),
                        row(
                                LocalDate.of(2023, 12, 31),
                                "2024-01-01",
                                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000),
                                LocalDateTime.of(2024, 1, 3, 10, 0),
                                "2024-01-02 03:04:05"));
    }

    @Test
    void readsOneDecimalAfterManyIntegersAsDecimal() {
        StringBuilder csv = new StringBuilder("n\n");
        for (int i = 1; i <= BIG; i++) {
            csv.append(i).append('\n');
        }
        csv.append("0.5\n");

        Dataset dataset = ingest(csv.toString()).dataset();

        assertThat(types(dataset)).containsExactly(ColumnType.decimal(7, 1));
        assertThat(dataset.rowCount()).isEqualTo(BIG + 1);
        assertThat(rowAt(dataset, 0)).containsExactly(new BigDecimal("1.0"));
        assertThat(rowAt(dataset, BIG - 1)).containsExactly(new BigDecimal("100001.0"));
        assertThat(rowAt(dataset, BIG)).containsExactly(new BigDecimal("0.5"));
    }

    @Test
    void readsOneWordAfterManyIntegersAsTextKeepingTheIntegersText() {
        StringBuilder csv = new StringBuilder("n\n");
        for (int i = 1; i <= BIG; i++) {
            csv.append(i).append('\n');
        }
        csv.append("word\n");

        Dataset dataset = ingest(csv.toString()).dataset();

        assertThat(types(dataset)).containsExactly(VARCHAR);
        assertThat(dataset.rowCount()).isEqualTo(BIG + 1);
        assertThat(rowAt(dataset, 0)).containsExactly("1");
        assertThat(rowAt(dataset, 99_999)).containsExactly("100000");
        assertThat(rowAt(dataset, BIG - 1)).containsExactly("100001");
        assertThat(rowAt(dataset, BIG)).containsExactly("word");
    }
}
