package io.quarry.bench;

import static io.quarry.engine.query.Aggregation.MEAN;
import static io.quarry.engine.query.Aggregation.SUM;
import static io.quarry.engine.query.TransformStep.Param.field;
import static io.quarry.engine.query.TransformStep.Param.value;

import io.quarry.engine.duckdb.DuckDbEngine;
import io.quarry.engine.query.FilterRule;
import io.quarry.engine.query.FilterStep;
import io.quarry.engine.query.FilterStep.FieldFilter;
import io.quarry.engine.query.QueryLimits;
import io.quarry.engine.query.QueryResult;
import io.quarry.engine.query.SortStep;
import io.quarry.engine.query.TransformOp;
import io.quarry.engine.query.TransformStep;
import io.quarry.engine.query.TransformStep.Transform;
import io.quarry.engine.query.ViewStep;
import io.quarry.engine.query.ViewStep.Aggregate;
import io.quarry.engine.query.ViewStep.Measure;
import io.quarry.engine.query.ViewStep.Raw;
import io.quarry.engine.query.Workflow;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The four example chart payloads of the Graphic Walker contract (A: sum by payment for two categories, B: a table page
 * of notes matching "late" by price, C: a 10-bin histogram of price, D: monthly mean price per category in January
 * 2024) through the engine's workflow compiler, next to hand-written SQL for the same answers on plain DuckDB over the
 * same file. "First" runs on a freshly opened engine and connection (as right after a server start, OS page cache
 * warm); "repeated" runs again on the same ones. The server adds a result cache on top (a hit costs well under a
 * millisecond); this measures what a miss costs.
 */
public final class ChartBench {

    private static final int WARM_UPS = 2;
    private static final long JANUARY_2024 = 1704067200000L;
    private static final long END_OF_JANUARY_2024 = 1706745599000L;

    private record Example(String name, Workflow workflow, String plainSql) {}

    private final ReadArgs args;
    private final PrintStream out;
    private final ReadDataset data;

    private ChartBench(ReadArgs args, PrintStream out, ReadDataset data) {
        this.args = args;
        this.out = out;
        this.data = data;
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    /** Runs the benchmark; answers 0 when both contenders gave as many rows for every example, 1 when not. */
    public static int run(String[] args, PrintStream out) throws IOException, SQLException {
        ReadArgs parsed;
        try {
            parsed = ReadArgs.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(ReadArgs.USAGE.replace("ReadBench", "ChartBench"));
            return 2;
        }
        out.printf(
                Locale.ROOT,
                "Quarry chart bench: size %s, %d runs, memory limit %s, %d threads, %s, load average %s%n",
                parsed.size(),
                parsed.runs(),
                parsed.memoryLimit(),
                parsed.threads(),
                Runtime.version(),
                ReadBench.loadAverage());
        ReadDataset data = ReadDataset.prepare(parsed, out);
        return new ChartBench(parsed, out, data).run();
    }

    private int run() throws SQLException {
        boolean agree = true;
        out.printf(
                Locale.ROOT,
                "%n== %s: %,d rows; ms per answer, %d runs each%n",
                args.size(),
                data.dataset().rowCount(),
                args.runs());
        out.printf(
                Locale.ROOT,
                "%-34s %-9s %10s %10s %10s %10s %7s %7s%n",
                "example",
                "runs",
                "quarry p50",
                "quarry p95",
                "duckdb p50",
                "duckdb p95",
                "ratio",
                "rows");
        for (Example example : examples()) {
            List<Double> firstQuarry = new ArrayList<>();
            List<Double> firstPlain = new ArrayList<>();
            long quarryRows = 0;
            long plainRows = 0;
            for (int run = 0; run < args.runs(); run++) {
                try (DuckDbEngine engine = DuckDbEngine.open(data.dataDir(), args.settings());
                        PlainDuckDb plain = PlainDuckDb.open(data.database(), args.memoryLimit(), args.threads())) {
                    long start = System.nanoTime();
                    quarryRows = query(engine, example).rows().size();
                    firstQuarry.add((System.nanoTime() - start) / 1e6);
                    start = System.nanoTime();
                    plainRows = plain.rows(example.plainSql());
                    firstPlain.add((System.nanoTime() - start) / 1e6);
                }
            }
            List<Double> repeatedQuarry = new ArrayList<>();
            List<Double> repeatedPlain = new ArrayList<>();
            try (DuckDbEngine engine = DuckDbEngine.open(data.dataDir(), args.settings());
                    PlainDuckDb plain = PlainDuckDb.open(data.database(), args.memoryLimit(), args.threads())) {
                for (int i = 0; i < WARM_UPS; i++) {
                    query(engine, example);
                    plain.rows(example.plainSql());
                }
                for (int run = 0; run < args.runs(); run++) {
                    long start = System.nanoTime();
                    query(engine, example);
                    repeatedQuarry.add((System.nanoTime() - start) / 1e6);
                    start = System.nanoTime();
                    plain.rows(example.plainSql());
                    repeatedPlain.add((System.nanoTime() - start) / 1e6);
                }
            }
            print(example.name(), "first", firstQuarry, firstPlain, quarryRows, plainRows);
            print(example.name(), "repeated", repeatedQuarry, repeatedPlain, quarryRows, plainRows);
            agree &= quarryRows == plainRows;
        }
        out.println("(first: a freshly opened engine and connection per run; repeated: the same ones again;"
                + " ratio: quarry/duckdb p50; rows: quarry/duckdb, ? when they differ)");
        out.printf(Locale.ROOT, "load average at the end: %s%n", ReadBench.loadAverage());
        return agree ? 0 : 1;
    }

    private void print(String name, String kind, List<Double> quarry, List<Double> plain, long rows, long plainRows) {
        double quarryMedian = Stats.of(quarry).median();
        double plainMedian = Stats.of(plain).median();
        out.printf(
                Locale.ROOT,
                "%-34s %-9s %10.1f %10.1f %10.1f %10.1f %7.2f %7s%n",
                name,
                kind,
                quarryMedian,
                Stats.percentile(quarry, 0.95),
                plainMedian,
                Stats.percentile(plain, 0.95),
                quarryMedian / plainMedian,
                rows == plainRows ? rows + "/" + plainRows : rows + "/" + plainRows + " ?");
    }

    private static QueryResult query(DuckDbEngine engine, Example example) {
        return engine.query(engine.listDatasets().getFirst().id(), example.workflow(), QueryLimits.defaults());
    }

    /**
     * The contract's examples on the bench columns (id, pickup_at, ship_date, category, city, note, price,
     * distance_km, is_member, quantity, lat, lon, rating, payment = c0..c13 in storage).
     */
    private static List<Example> examples() {
        return List.of(
                new Example(
                        "A sum(price) by payment, 2 categ.",
                        new Workflow(
                                List.of(
                                        FilterStep.of(
                                                new FieldFilter(
                                                        "category", new FilterRule.OneOf(List.of("books", "toys"))),
                                                new FieldFilter("distance_km", new FilterRule.Range(1.0, null))),
                                        ViewStep.of(new Aggregate(
                                                List.of("payment"), List.of(new Measure("price", SUM, "price_sum")))),
                                        SortStep.descending("price_sum")),
                                10,
                                0),
                        "SELECT c13, sum(c6) AS s FROM d.rows WHERE c3 IN ('books', 'toys') AND c7 >= 1"
                                + " GROUP BY c13 ORDER BY s DESC LIMIT 10"),
                new Example(
                        "B page 3 of note ~ late by price",
                        new Workflow(
                                List.of(
                                        FilterStep.of(new FieldFilter("note", new FilterRule.Regexp("late", false))),
                                        ViewStep.of(new Raw(List.of("*"))),
                                        SortStep.descending("price")),
                                100,
                                200),
                        "SELECT * FROM d.rows WHERE regexp_matches(c5, 'late', 'i')"
                                + " ORDER BY c6 DESC NULLS LAST LIMIT 100 OFFSET 200"),
                new Example(
                        "C histogram of price, 10 bins",
                        Workflow.of(
                                TransformStep.of(
                                        Transform.of("gw_b1n", TransformOp.BIN, field("price"))
                                                .withNum(10),
                                        Transform.of("gw_count_fid", TransformOp.ONE)),
                                ViewStep.of(new Aggregate(
                                        List.of("gw_b1n"),
                                        List.of(new Measure("gw_count_fid", SUM, "gw_count_fid_sum"))))),
                        "WITH b AS (SELECT CAST(min(c6) AS DOUBLE) AS lo,"
                                + " (CAST(max(c6) AS DOUBLE) - CAST(min(c6) AS DOUBLE)) / 10 AS w FROM d.rows)"
                                + " SELECT CASE WHEN c6 IS NOT NULL THEN least(floor((CAST(c6 AS DOUBLE) - lo) / w), 9)"
                                + " END AS bin, count(*)"
                                + " FROM d.rows, b GROUP BY bin"),
                new Example(
                        "D monthly mean price per categ.",
                        Workflow.of(
                                FilterStep.of(new FieldFilter(
                                        "pickup_at", new FilterRule.TemporalRange(JANUARY_2024, END_OF_JANUARY_2024))),
                                TransformStep.of(Transform.of(
                                        "gw_m0nt", TransformOp.DATE_TIME_DRILL, field("pickup_at"), value("month"))),
                                ViewStep.of(new Aggregate(
                                        List.of("gw_m0nt", "category"),
                                        List.of(new Measure("price", MEAN, "price_mean"))))),
                        "SELECT date_trunc('month', c1) AS m, c3, avg(c6) FROM d.rows"
                                + " WHERE c1 BETWEEN TIMESTAMP '2024-01-01 00:00:00' AND TIMESTAMP '2024-01-31 23:59:59'"
                                + " GROUP BY m, c3"));
    }
}
