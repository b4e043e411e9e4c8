package io.quarry.bench;

import io.quarry.bench.ReadCase.Answer;
import io.quarry.bench.ReadCase.Sample;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints the read bench's figures: one row per case, Quarry against plain DuckDB, next to the target. */
final class ReadTable {

    private static final String ROW = "%-28s %5s  %9s %9s  %6s  %9s %9s  %7s  %12s %12s  %s%n";

    private final PrintStream out;

    ReadTable(PrintStream out) {
        this.out = out;
    }

    /**
     * The figures of one case.
     *
     * @param quarry Quarry's timed runs
     * @param duckdb plain DuckDB's timed runs
     */
    record Result(ReadCase readCase, List<Sample> quarry, List<Sample> duckdb) {

        Result {
            quarry = List.copyOf(quarry);
            duckdb = List.copyOf(duckdb);
        }

        /** False when the contenders' pages differ in length, or their exact totals differ. */
        boolean agrees() {
            Answer first = duckdb.get(0).answer();
            boolean rowsAgree = quarry.stream().allMatch(s -> s.answer().rows() == first.rows());
            if (first.total() < 0 || !readCase.request().search().isBlank()) {
                return rowsAgree; // Quarry searches every text column, plain DuckDB the note only
            }
            return rowsAgree
                    && quarry.stream()
                            .filter(s -> s.answer().exact())
                            .allMatch(s -> s.answer().total() == first.total());
        }
    }

    void print(List<Result> results) {
        out.printf(
                Locale.ROOT,
                ROW,
                "case",
                "runs",
                "quarry ms",
                "p95",
                "exact",
                "duckdb ms",
                "p95",
                "ratio",
                "quarry total",
                "duckdb count",
                "target (quarry)");
        for (Result result : results) {
            printRow(result);
        }
    }

    private void printRow(Result result) {
        List<Double> quarryMs = result.quarry().stream().map(Sample::millis).toList();
        List<Double> duckdbMs = result.duckdb().stream().map(Sample::millis).toList();
        double quarryMedian = Stats.of(quarryMs).median();
        double quarryP95 = Stats.percentile(quarryMs, 0.95);
        double duckdbMedian = Stats.of(duckdbMs).median();
        long exact = result.quarry().stream().filter(s -> s.answer().exact()).count();
        Answer quarryLast = result.quarry().get(result.quarry().size() - 1).answer();
        Answer duckdbLast = result.duckdb().get(result.duckdb().size() - 1).answer();
        out.printf(
                Locale.ROOT,
                ROW,
                result.readCase().name() + (result.agrees() ? "" : " ?"),
                result.quarry().size(),
                millis(quarryMedian),
                millis(quarryP95),
                String.format(
                        Locale.ROOT, "%.0f%%", 100.0 * exact / result.quarry().size()),
                millis(duckdbMedian),
                millis(Stats.percentile(duckdbMs, 0.95)),
                ratio(quarryMedian / duckdbMedian),
                String.format(Locale.ROOT, "%,d%s", quarryLast.total(), quarryLast.exact() ? "" : "+"),
                duckdbLast.total() < 0 ? "-" : String.format(Locale.ROOT, "%,d", duckdbLast.total()),
                target(result.readCase().targetMs(), quarryMedian, quarryP95));
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, value < 0.1 ? "%.4fx" : "%.2fx", value);
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
    }

    private static String target(double targetMs, double median, double p95) {
        if (Double.isNaN(targetMs)) {
            return "-";
        }
        return String.format(
                Locale.ROOT,
                "<= %.0f ms: median %s, p95 %s",
                targetMs,
                median <= targetMs ? "ok" : "OVER",
                p95 <= targetMs ? "ok" : "OVER");
    }
}
