package io.quarry.engine.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.quarry.engine.Capability;
import io.quarry.engine.ColumnProfile;
import io.quarry.engine.ColumnProfile.Bin;
import io.quarry.engine.ColumnProfile.TopValue;
import io.quarry.engine.DataType;
import io.quarry.engine.Dataset;
import io.quarry.engine.DatasetProfile;
import io.quarry.engine.EngineError;
import io.quarry.engine.IngestOptions;
import io.quarry.engine.IngestPhase;
import io.quarry.engine.IngestProgress;
import io.quarry.engine.IngestRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Column profiles ({@link Capability#PROFILES}): counts, bounds, mean and population deviation, top values by count
 * then value, and 20 equal-width bins from min to max whose counts add up to the non-null count. Every expectation is
 * computed by hand from the rows here.
 */
abstract class ProfileContract extends ContractPart {

    /** Five rows, a null in each column. */
    static final String MIXED = """
            n,price,word,day,flag
            0,1.50,b,2024-01-01,true
            5,,a,2024-01-21,false
            10,2.50,b,,true
            20,1.50,,2024-01-11,
            ,4.00,c,2024-01-01,true
            """;

    ProfileContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    private DatasetProfile profile(String csv) {
        assumeThat(supports(Capability.PROFILES)).isTrue();
        return engine().profile(ingest(csv).dataset().id());
    }

    private static ColumnProfile column(DatasetProfile profile, String name) {
        return profile.columns().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** The counts of the 20 bins, all others 0. */
    private static long[] counts(ColumnProfile column) {
        return column.histogram().stream().mapToLong(Bin::count).toArray();
    }

    private static long[] bins(int... binAndCount) {
        long[] counts = new long[ColumnProfile.BINS];
        for (int i = 0; i < binAndCount.length; i += 2) {
            counts[binAndCount[i]] = binAndCount[i + 1];
        }
        return counts;
    }

    @Test
    void profilesAWholeNumberColumn() {
        DatasetProfile profile = profile(MIXED);
        ColumnProfile n = column(profile, "n");

        assertThat(profile.rowCount()).isEqualTo(5);
        assertThat(profile.columns())
                .extracting(ColumnProfile::name)
                .containsExactly("n", "price", "word", "day", "flag");
        assertThat(n.type().type()).isEqualTo(DataType.BIGINT);
        assertThat(n.nullCount()).isEqualTo(1);
        assertThat(n.distinctCount()).isEqualTo(4);
        assertThat(n.distinctApproximate()).isFalse();
        assertThat(n.min()).contains(0L);
        assertThat(n.max()).contains(20L);
        assertThat(n.mean().orElseThrow()).isCloseTo(8.75, within(1e-9));
        assertThat(n.stddev().orElseThrow()).isCloseTo(Math.sqrt(54.6875), within(1e-9));
        assertThat(counts(n)).containsExactly(bins(0, 1, 5, 1, 10, 1, 19, 1));
        assertThat(n.histogram().getFirst()).isEqualTo(new Bin(0.0, 1.0, 1));
        assertThat(n.histogram().get(5)).isEqualTo(new Bin(5.0, 6.0, 1));
        assertThat(n.histogram().getLast()).isEqualTo(new Bin(19.0, 20.0, 1));
        assertThat(n.topValues()).isEmpty();
    }

    @Test
    void profilesADecimalColumn() {
        ColumnProfile price = column(profile(MIXED), "price");

        assertThat(price.type().type()).isEqualTo(DataType.DECIMAL);
        assertThat(price.nullCount()).isEqualTo(1);
        assertThat(price.distinctCount()).isEqualTo(3);
        assertThat(price.min()).contains(new BigDecimal("1.50"));
        assertThat(price.max()).contains(new BigDecimal("4.00"));
        assertThat(price.mean().orElseThrow()).isCloseTo(2.375, within(1e-9));
        assertThat(price.stddev().orElseThrow()).isCloseTo(Math.sqrt(1.046875), within(1e-9));
        assertThat(counts(price)).containsExactly(bins(0, 2, 8, 1, 19, 1));
        assertThat(price.histogram().get(8)).isEqualTo(new Bin(2.5, 2.625, 1));
    }

    @Test
    void profilesATextColumnWithTopValuesByCountThenValue() {
        ColumnProfile word = column(profile(MIXED), "word");

        assertThat(word.type().type()).isEqualTo(DataType.VARCHAR);
        assertThat(word.nullCount()).isEqualTo(1);
        assertThat(word.distinctCount()).isEqualTo(3);
        assertThat(word.min()).contains("a");
        assertThat(word.max()).contains("c");
        assertThat(word.mean()).isEmpty();
        assertThat(word.stddev()).isEmpty();
        assertThat(word.topValues()).containsExactly(new TopValue("b", 2), new TopValue("a", 1), new TopValue("c", 1));
        assertThat(word.histogram()).isEmpty();
    }

    @Test
    void profilesADateColumnWithDayWideBins() {
        ColumnProfile day = column(profile(MIXED), "day");

        assertThat(day.type().type()).isEqualTo(DataType.DATE);
        assertThat(day.nullCount()).isEqualTo(1);
        assertThat(day.distinctCount()).isEqualTo(3);
        assertThat(day.min()).contains(LocalDate.of(2024, 1, 1));
        assertThat(day.max()).contains(LocalDate.of(2024, 1, 21));
        assertThat(day.mean()).isEmpty();
        assertThat(counts(day)).containsExactly(bins(0, 2, 10, 1, 19, 1));
        assertThat(day.histogram().getFirst())
                .isEqualTo(new Bin(LocalDateTime.of(2024, 1, 1, 0, 0), LocalDateTime.of(2024, 1, 2, 0, 0), 2));
        assertThat(day.histogram().getLast())
                .isEqualTo(new Bin(LocalDateTime.of(2024, 1, 20, 0, 0), LocalDateTime.of(2024, 1, 21, 0, 0), 1));
    }

    @Test
    void profilesABooleanColumnByItsValues() {
        ColumnProfile flag = column(profile(MIXED), "flag");

        assertThat(flag.type().type()).isEqualTo(DataType.BOOLEAN);
        assertThat(flag.nullCount()).isEqualTo(1);
        assertThat(flag.distinctCount()).isEqualTo(2);
        assertThat(flag.min()).isEmpty();
        assertThat(flag.max()).isEmpty();
        assertThat(flag.topValues()).containsExactly(new TopValue("true", 3), new TopValue("false", 1));
        assertThat(flag.histogram()).isEmpty();
    }

    @Test
    void profilesATimestampColumnWithSecondWideBins() {
        ColumnProfile at = column(
                profile("at\n2024-05-01 10:00:00\n2024-05-01 10:00:20\n2024-05-01 10:00:03.5\n2024-05-01 10:00:20\n"),
                "at");

        assertThat(at.type().type()).isEqualTo(DataType.TIMESTAMP);
        assertThat(at.distinctCount()).isEqualTo(3);
        assertThat(at.min()).contains(LocalDateTime.of(2024, 5, 1, 10, 0, 0));
        assertThat(at.max()).contains(LocalDateTime.of(2024, 5, 1, 10, 0, 20));
        assertThat(counts(at)).containsExactly(bins(0, 1, 3, 1, 19, 2));
        assertThat(at.histogram().get(3))
                .isEqualTo(new Bin(LocalDateTime.of(2024, 5, 1, 10, 0, 3), LocalDateTime.of(2024, 5, 1, 10, 0, 4), 1));
    }

    @Test
    void keepsTheTenMostFrequentValuesTiesInValueOrder() {
        StringBuilder csv = new StringBuilder("v\n");
        for (int i = 11; i >= 1; i--) {
            csv.append(String.format("v%02d", i)).append('\n');
        }
        csv.append("k\nk\nk\n");
        ColumnProfile v = column(profile(csv.toString()), "v");

        assertThat(v.distinctCount()).isEqualTo(12);
        assertThat(v.topValues()).hasSize(ColumnProfile.TOP_VALUES);
        assertThat(v.topValues().getFirst()).isEqualTo(new TopValue("k", 3));
        assertThat(v.topValues().subList(1, 10))
                .extracting(TopValue::value)
                .containsExactly("v01", "v02", "v03", "v04", "v05", "v06", "v07", "v08", "v09");
    }

    @Test
    void profilesAnAllNullColumnAndASingleValueColumn() {
        DatasetProfile profile = profile("a,b\n7,\n7,\n");
        ColumnProfile a = column(profile, "a");
        ColumnProfile b = column(profile, "b");

        assertThat(a.distinctCount()).isEqualTo(1);
        assertThat(a.stddev()).contains(0.0);
        assertThat(a.histogram()).containsExactly(new Bin(7.0, 7.0, 2));
        assertThat(b.nullCount()).isEqualTo(2);
        assertThat(b.distinctCount()).isZero();
        assertThat(b.distinctApproximate()).isFalse();
        assertThat(b.min()).isEmpty();
        assertThat(b.max()).isEmpty();
        assertThat(b.mean()).isEmpty();
        assertThat(b.topValues()).isEmpty();
        assertThat(b.histogram()).isEmpty();
    }

    @Test
    void profilesADatasetWithoutRows() {
        DatasetProfile profile = profile("a,b\n");

        assertThat(profile.rowCount()).isZero();
        assertThat(profile.columns()).extracting(ColumnProfile::name).containsExactly("a", "b");
        assertThat(profile.columns()).allSatisfy(c -> {
            assertThat(c.nullCount()).isZero();
            assertThat(c.distinctCount()).isZero();
            assertThat(c.min()).isEmpty();
            assertThat(c.topValues()).isEmpty();
            assertThat(c.histogram()).isEmpty();
        });
    }

    @Test
    void estimatesDistinctCountsPastTheBoundAndMarksThem() {
        StringBuilder csv = new StringBuilder("id,word\n");
        for (int i = 0; i < 150_000; i++) {
            csv.append(i).append(",w").append(i % 7).append('\n');
        }
        DatasetProfile profile = profile(csv.toString());
        ColumnProfile id = column(profile, "id");
        ColumnProfile word = column(profile, "word");

        assertThat(id.distinctApproximate()).isTrue();
        assertThat(id.distinctCount()).isBetween(135_000L, 150_000L);
        assertThat(id.histogram()).hasSize(ColumnProfile.BINS);
        assertThat(id.histogram().stream().mapToLong(Bin::count).sum()).isEqualTo(150_000);
        assertThat(id.histogram()).allSatisfy(bin -> assertThat(bin.count()).isEqualTo(7_500));
        assertThat(word.distinctApproximate()).isFalse();
        assertThat(word.distinctCount()).isEqualTo(7);
        assertThat(word.topValues()).extracting(TopValue::count).containsOnly(21_429L, 21_428L);
    }

    @Test
    void keepsTheProfileAcrossARestartAndRecomputesALostOne() {
        assumeThat(supports(Capability.PROFILES)).isTrue();
        Dataset dataset = ingest(MIXED).dataset();
        DatasetProfile first = engine().profile(dataset.id());

        fixture().reopen();
        assertThat(engine().profile(dataset.id())).isEqualTo(first);

        fixture().reopen(() -> deleteFiles("profile.json"));
        assertThat(engine().profile(dataset.id())).isEqualTo(first);
    }

    @Test
    void reportsAProfilePhaseBeforeDone() {
        assumeThat(supports(Capability.PROFILES)).isTrue();
        RecordingListener listener = RecordingListener.recording();

        engine().ingest(new IngestRequest(source(MIXED), DATASET_NAME, IngestOptions.defaults()), listener);

        assertThat(listener.events())
                .extracting(IngestProgress::phase)
                .containsSubsequence(IngestPhase.PROFILE, IngestPhase.DONE);
    }

    @Test
    void failsForAnUnknownDataset() {
        assumeThat(supports(Capability.PROFILES)).isTrue();

        assertFails(() -> engine().profile("nosuchdataset"), EngineError.DATASET_NOT_FOUND);
    }

    @Test
    void failsWithCapabilityNotSupportedWhenTheEngineCannotProfile() {
        assumeThat(supports(Capability.PROFILES)).isFalse();
        Dataset dataset = ingest(MIXED).dataset();

        assertFails(() -> engine().profile(dataset.id()), EngineError.CAPABILITY_NOT_SUPPORTED);
    }

    private void deleteFiles(String name) {
        try (Stream<Path> paths = Files.walk(fixture().dataDir())) {
            for (Path path :
                    paths.filter(p -> p.getFileName().toString().equals(name)).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
