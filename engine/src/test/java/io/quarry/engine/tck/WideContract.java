package io.quarry.engine.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.quarry.engine.Capability;
import io.quarry.engine.ColumnProfile;
import io.quarry.engine.ColumnProfile.TopValue;
import io.quarry.engine.ColumnType;
import io.quarry.engine.Dataset;
import io.quarry.engine.DatasetProfile;
import io.quarry.engine.Filter;
import io.quarry.engine.FilterOp;
import io.quarry.engine.Page;
import io.quarry.engine.PageRequest;
import io.quarry.engine.Row;
import io.quarry.engine.SortKey;
import io.quarry.engine.query.Aggregation;
import io.quarry.engine.query.QueryLimits;
import io.quarry.engine.query.TransformOp;
import io.quarry.engine.query.TransformStep;
import io.quarry.engine.query.TransformStep.Param;
import io.quarry.engine.query.TransformStep.Transform;
import io.quarry.engine.query.ViewStep;
import io.quarry.engine.query.ViewStep.Aggregate;
import io.quarry.engine.query.ViewStep.Measure;
import io.quarry.engine.query.Workflow;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A file of 10,000 columns: it is stored, paged, sorted, filtered, searched, profiled and charted like any other. */
abstract class WideContract extends ContractPart {

    private static final int COLUMNS = 10_000;
    private static final int ROWS = 20;
    private static final int LAST = COLUMNS - 1;
    private static final int SORTED = COLUMNS - 2;

    WideContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    /**
     * Column {@code i} is named {@code col_i} and holds {@code r + i} in row {@code r}, except column 9,998, which
     * holds {@code 7r mod 20} (each of 0..19 once), and column 9,999, which holds the text {@code g<r mod 3>}.
     */
    private static String wideCsv() {
        StringBuilder csv = new StringBuilder();
        StringJoiner header = new StringJoiner(",", "", "\n");
        for (int i = 0; i < COLUMNS; i++) {
            header.add("col_" + i);
        }
        csv.append(header);
        for (int r = 0; r < ROWS; r++) {
            StringJoiner row = new StringJoiner(",", "", "\n");
            for (int i = 0; i < SORTED; i++) {
                row.add(Integer.toString(r + i));
            }
            row.add(Integer.toString(7 * r % ROWS));
            row.add("g" + r % 3);
            csv.append(row);
        }
        return csv.toString();
    }

    @Test
    void storesPagesSortsFiltersSearchesProfilesAndChartsTenThousandColumns() {
        Dataset dataset = ingest(wideCsv()).dataset();

        assertThat(dataset.rowCount()).isEqualTo(ROWS);
        assertThat(dataset.columns()).hasSize(COLUMNS);
        assertThat(dataset.columns().get(LAST).name()).isEqualTo("col_9999");
        assertThat(dataset.columns().get(LAST).type()).isEqualTo(ColumnType.VARCHAR);
        assertThat(dataset.columns().get(SORTED).type()).isEqualTo(ColumnType.BIGINT);

        List<Object> third = rowAt(dataset, 2);
        assertThat(third).hasSize(COLUMNS);
        assertThat(List.of(third.get(0), third.get(5_000), third.get(SORTED), third.get(LAST)))
                .containsExactly(2L, 5_002L, 14L, "g2");

        // 7r mod 20 is 19 for r = 17, then 18 for r = 14 (positions count from 1)
        Page sorted = engine().readPage(new PageRequest(dataset.id(), 0, 2, List.of(new SortKey("col_9998", true))));
        assertThat(sorted.rows()).extracting(Row::position).containsExactly(18L, 15L);
        assertThat(sorted.rows().get(0).values().get(1)).isEqualTo(18L);

        // 7r mod 20 is below 3 for r = 0, 3 and 6
        Page filtered = engine().readPage(new PageRequest(
                dataset.id(),
                0,
                100,
                List.of(),
                List.of(new Filter("col_9998", FilterOp.LT, List.of("3"), false)),
                ""));
        assertThat(filtered.rows()).extracting(Row::position).containsExactly(1L, 4L, 7L);

        Page searched = engine().readPage(new PageRequest(dataset.id(), 0, 100, List.of(), List.of(), "g2"));
        assertThat(searched.rows()).extracting(Row::position).containsExactly(3L, 6L, 9L, 12L, 15L, 18L);

        if (supports(Capability.PROFILES)) {
            DatasetProfile profile = engine().profile(dataset.id());
            assertThat(profile.columns()).hasSize(COLUMNS);
            ColumnProfile sortedProfile = profile.columns().get(SORTED);
            assertThat(sortedProfile.min()).contains(0L);
            assertThat(sortedProfile.max()).contains(19L);
            assertThat(sortedProfile.distinctCount()).isEqualTo(ROWS);
            assertThat(profile.columns().get(LAST).topValues())
                    .containsExactly(new TopValue("g0", 7), new TopValue("g1", 7), new TopValue("g2", 6));
        }
        assumeThat(supports(Capability.CHART_QUERIES)).isTrue();
        List<Map<String, Object>> groups = engine().query(
                        dataset.id(),
                        Workflow.of(ViewStep.of(new Aggregate(
                                List.of("col_9999"),
                                List.of(
                                        new Measure("*", Aggregation.COUNT, "rows"),
                                        new Measure("col_5000", Aggregation.SUM, "total"))))),
                        QueryLimits.defaults())
                .rows();
        assertThat(groups)
                .containsExactlyInAnyOrder(
                        Map.of("col_9999", "g0", "rows", 7L, "total", 35_063L),
                        Map.of("col_9999", "g1", "rows", 7L, "total", 35_070L),
                        Map.of("col_9999", "g2", "rows", 6L, "total", 30_057L));

        // column 9,998 holds 0..19 once each: four bins of width 4.75 hold five values each
        List<Map<String, Object>> bins = engine().query(
                        dataset.id(),
                        Workflow.of(
                                TransformStep.of(Transform.of("b", TransformOp.BIN, Param.field("col_9998"))
                                        .withNum(4)),
                                ViewStep.of(new Aggregate(
                                        List.of("b"), List.of(new Measure("*", Aggregation.COUNT, "rows"))))),
                        QueryLimits.defaults())
                .rows();
        assertThat(bins)
                .containsExactly(
                        Map.of("b", List.of(0.0, 4.75), "rows", 5L),
                        Map.of("b", List.of(4.75, 9.5), "rows", 5L),
                        Map.of("b", List.of(9.5, 14.25), "rows", 5L),
                        Map.of("b", List.of(14.25, 19.0), "rows", 5L));
    }
}
