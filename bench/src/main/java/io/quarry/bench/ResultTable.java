package io.quarry.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** Prints one size's figures as a plain-text table, one row per contender, plus the quarry/duckdb ratios. */
final class ResultTable {

    private static final String ROW = "%-8s %5s  %-26s %8s  %-18s %-18s %12s %9s  %8s%n";

    private final long fileBytes;
    private final PrintStream out;

    ResultTable(long fileBytes, PrintStream out) {
        this.fileBytes = fileBytes;
        this.out = out;
    }

    void print(List<RunResult> runs) {
        out.printf(
                Locale.ROOT,
                ROW,
                "engine",
                "runs",
                "seconds median [min..max]",
                "MB/s",
                "MB/s [min..max]",
                "peak RSS MB [max]",
                "rows",
                "rejected",
                "JVM s");
        for (Contender contender : Contender.values()) {
            printRow(
                    contender,
                    runs.stream().filter(r -> r.contender() == contender).toList());
        }
        Stats quarry = stat(runs, Contender.QUARRY, Measurement::seconds);
        Stats duckdb = stat(runs, Contender.DUCKDB, Measurement::seconds);
        Stats quarryRss = stat(runs, Contender.QUARRY, Measurement::peakRssMb);
        Stats duckdbRss = stat(runs, Contender.DUCKDB, Measurement::peakRssMb);
        if (Double.isNaN(quarry.median()) || Double.isNaN(duckdb.median())) {
            out.println("quarry/duckdb: no ratio, a contender has no successful run");
        } else {
            out.printf(
                    Locale.ROOT,
                    "quarry/duckdb, ratio of medians: seconds %.2fx, peak RSS %.2fx%n",
                    quarry.median() / duckdb.median(),
                    quarryRss.median() / duckdbRss.median());
            out.printf(
                    Locale.ROOT,
                    "column profiles, median seconds: quarry %.3f (every statistic of docs/api.md, part of its ingest),"
                            + " duckdb SUMMARIZE %.3f (after its load)%n",
                    stat(runs, Contender.QUARRY, Measurement::profileSeconds).median(),
                    stat(runs, Contender.DUCKDB, Measurement::profileSeconds).median());
        }
        runs.stream()
                .filter(r -> !r.succeeded())
                .collect(Collectors.groupingBy(
                        r -> r.contender().label() + " run failed, " + r.failure(),
                        LinkedHashMap::new,
                        Collectors.counting()))
                .forEach((failure, count) -> out.printf("%s%s%n", count > 1 ? count + " times: " : "", failure));
    }

    private void printRow(Contender contender, List<RunResult> runs) {
        List<Measurement> ok =
                runs.stream().flatMap(r -> r.measurement().stream()).toList();
        Stats seconds = Stats.of(ok.stream().map(Measurement::seconds).toList());
        Stats rss = Stats.of(ok.stream().map(Measurement::peakRssMb).toList());
        Stats wall = Stats.of(runs.stream().map(RunResult::wallSeconds).toList());
        if (ok.isEmpty()) {
            String none = "-";
            out.printf(
                    Locale.ROOT, ROW, contender.label(), "0/" + runs.size(), none, none, none, none, none, none, none);
            return;
        }
        String rows = String.format(Locale.ROOT, "%,d", ok.get(0).rows());
        String rejected = Long.toString(ok.get(0).rejected());
        boolean rowsAgree = ok.stream().allMatch(m -> m.rows() == ok.get(0).rows());
        out.printf(
                Locale.ROOT,
                ROW,
                contender.label(),
                ok.size() + "/" + runs.size(),
                String.format(Locale.ROOT, "%.3f [%.3f..%.3f]", seconds.median(), seconds.min(), seconds.max()),
                String.format(Locale.ROOT, "%.1f", megabytesPerSecond(seconds.median())),
                String.format(
                        Locale.ROOT,
                        "[%.1f..%.1f]",
                        megabytesPerSecond(seconds.max()),
                        megabytesPerSecond(seconds.min())),
                String.format(Locale.ROOT, "%.0f [%.0f]", rss.median(), rss.max()),
                rowsAgree ? rows : rows + "?",
                rejected,
                String.format(Locale.ROOT, "%.2f", wall.median()));
    }

    private double megabytesPerSecond(double seconds) {
        return fileBytes / 1e6 / seconds;
    }

    private static Stats stat(List<RunResult> runs, Contender contender, ToDoubleFunction<Measurement> figure) {
        return Stats.of(runs.stream()
                .filter(r -> r.contender() == contender)
                .flatMap(r -> r.measurement().stream())
                .map(m -> figure.applyAsDouble(m))
                .toList());
    }
}
