package io.quarry.bench;

import io.quarry.bench.ReadCase.Answer;
import io.quarry.bench.ReadCase.Sample;
import io.quarry.engine.CacheStatistics;
import io.quarry.engine.Column;
import io.quarry.engine.Filter;
import io.quarry.engine.FilterOp;
import io.quarry.engine.Page;
import io.quarry.engine.PageRequest;
import io.quarry.engine.Row;
import io.quarry.engine.SortKey;
import io.quarry.engine.duckdb.DuckDbEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Read benchmark: page latency of Quarry's engine against plain DuckDB running the same SQL on the same DuckDB file,
 * in one JVM. Plain pages, pages sorted by price, a filter on the most common city and a search for "late", first
 * (cold caches) and repeated (warm). Prints a plain-text table to stdout.
 *
 * <p>Usage: {@value ReadArgs#USAGE}
 */
public final class ReadBench {

    static final int LIMIT = 1000;
    private static final int WARM_UPS = 2;
    private static final long ORDER_WAIT_NANOS = 600_000_000_000L;
    private static final String SEARCH = "late";

    private final ReadArgs args;
    private final PrintStream out;
    private final ReadDataset data;
    private DuckDbEngine engine;
    private PlainDuckDb duckdb;

    private ReadBench(ReadArgs args, PrintStream out, ReadDataset data) throws SQLException {
        this.args = args;
        this.out = out;
        this.data = data;
        this.engine = DuckDbEngine.open(data.dataDir(), args.settings());
        this.duckdb = PlainDuckDb.open(data.database(), args.memoryLimit(), args.threads());
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    /** Runs the benchmark; answers 0 when the contenders agreed on every case, 1 when not, 2 for a bad command line. */
    public static int run(String[] args, PrintStream out) throws IOException, SQLException {
        ReadArgs parsed;
        try {
            parsed = ReadArgs.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(ReadArgs.USAGE);
            return 2;
        }
        out.printf(
                Locale.ROOT,
                "Quarry read bench: size %s, %d runs, memory limit %s, %d threads, seed %d, %s, load average %s%n",
                parsed.size(),
                parsed.runs(),
                parsed.memoryLimit(),
                parsed.threads(),
                parsed.seed(),
                Runtime.version(),
                loadAverage());
        ReadDataset data = ReadDataset.prepare(parsed, out);
        ReadBench bench = new ReadBench(parsed, out, data);
        try {
            return bench.run();
        } finally {
            bench.close();
        }
    }

    private int run() throws SQLException {
        List<ReadCase> cases = cases();
        Map<ReadCase, ReadTable.Result> results = new LinkedHashMap<>();
        // the first reads reopen the engine for every run; the repeated ones then share one engine, whose cache
        // statistics are printed at the end
        for (ReadCase readCase : cases.stream().filter(ReadCase::cold).toList()) {
            results.put(readCase, measure(readCase));
        }
        reopen();
        for (ReadCase readCase : cases.stream().filter(c -> !c.cold()).toList()) {
            results.put(readCase, measure(readCase));
        }
        List<ReadTable.Result> ordered = cases.stream().map(results::get).toList();
        out.printf(
                Locale.ROOT,
                "%n== %s: %,d rows, pages of %d, %d timed runs per case and contender%n",
                args.size(),
                data.dataset().rowCount(),
                LIMIT,
                args.runs());
        new ReadTable(out).print(ordered);
        out.println("(ms: wall time of one page, its count included where asked; ratio: quarry/duckdb medians;"
                + " exact: share of runs whose total was exact; + marks a lower bound)");
        out.println("cache statistics of the engine that served the repeated cases:");
        for (CacheStatistics statistics : engine.cacheStatistics()) {
            out.printf(
                    Locale.ROOT,
                    "  %-8s hits %,d, misses %,d, evictions %,d, weight %,d of %,d bytes%n",
                    statistics.name(),
                    statistics.hits(),
                    statistics.misses(),
                    statistics.evictions(),
                    statistics.weightBytes(),
                    statistics.maxBytes());
        }
        out.printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
        boolean agree = ordered.stream().allMatch(ReadTable.Result::agrees);
        if (!agree) {
            out.println("a case marked ? had pages of different lengths or different exact totals");
        }
        return agree ? 0 : 1;
    }

    private List<ReadCase> cases() throws SQLException {
        String id = data.dataset().id();
        List<Column> columns = data.dataset().columns();
        String price = columns.get(6).name();
        String city = columns.get(4).name();
        long rows = data.dataset().rowCount();
        String frequentCity = String.valueOf(duckdb.value(
                "SELECT c4 FROM d.rows WHERE c4 IS NOT NULL GROUP BY c4 ORDER BY count(*) DESC, c4 LIMIT 1"));
        out.printf(Locale.ROOT, "most common city: %s%n", frequentCity);
        List<Long> offsets = List.of(0L, Math.min(5_000_000L, rows / 2), Math.max(0, rows - LIMIT));
        List<ReadCase> cases = new ArrayList<>();
        for (long offset : offsets) {
            cases.add(new ReadCase(
                    "plain page @" + String.format(Locale.ROOT, "%,d", offset),
                    false,
                    20,
                    new PageRequest(id, offset, LIMIT, List.of()),
                    db -> new Answer(db.rows("SELECT rowid, * FROM d.rows LIMIT 1000 OFFSET ?", offset), -1, true)));
        }
        for (boolean cold : List.of(true, false)) {
            for (long offset : offsets) {
                cases.add(new ReadCase(
                        "sorted " + (cold ? "first" : "repeated") + " @" + String.format(Locale.ROOT, "%,d", offset),
                        cold,
                        cold ? 1500 : 50,
                        new PageRequest(id, offset, LIMIT, List.of(new SortKey(price, true))),
                        db -> new Answer(
                                db.rows(
                                        "SELECT rowid, * FROM d.rows ORDER BY c6 DESC NULLS LAST, rowid"
                                                + " LIMIT 1000 OFFSET ?",
                                        offset),
                                -1,
                                true)));
            }
        }
        for (boolean cold : List.of(true, false)) {
            cases.add(new ReadCase(
                    "city = " + frequentCity + " " + (cold ? "first" : "repeated"),
                    cold,
                    Double.NaN,
                    new PageRequest(id, 0, LIMIT, List.of(), List.of(Filter.of(city, FilterOp.EQ, frequentCity)), ""),
                    db -> new Answer(
                            db.rows("SELECT rowid, * FROM d.rows WHERE c4 = ? LIMIT 1000", frequentCity),
                            ((Number) db.value("SELECT count(*) FROM d.rows WHERE c4 = ?", frequentCity)).longValue(),
                            true)));
        }
        for (boolean cold : List.of(true, false)) {
            cases.add(new ReadCase(
                    "search \"" + SEARCH + "\" " + (cold ? "first" : "repeated"),
                    cold,
                    Double.NaN,
                    new PageRequest(id, 0, LIMIT, List.of(), List.of(), SEARCH),
                    db -> new Answer(
                            db.rows("SELECT rowid, * FROM d.rows WHERE c5 ILIKE ? LIMIT 1000", "%" + SEARCH + "%"),
                            ((Number) db.value("SELECT count(*) FROM d.rows WHERE c5 ILIKE ?", "%" + SEARCH + "%"))
                                    .longValue(),
                            true)));
        }
        return cases;
    }

    private ReadTable.Result measure(ReadCase readCase) throws SQLException {
        out.printf(Locale.ROOT, "  %s ...%n", readCase.name());
        if (!readCase.cold()) {
            for (int i = 0; i < WARM_UPS; i++) {
                readQuarry(readCase.request());
                readCase.plain().run(duckdb);
            }
        }
        List<Sample> quarry = new ArrayList<>();
        List<Sample> plain = new ArrayList<>();
        for (int run = 0; run < args.runs(); run++) {
            if (readCase.cold()) {
                reopen();
            }
            Sample sample = readQuarry(readCase.request());
            quarry.add(sample);
            if (readCase.cold() && !sample.answer().exact()) {
                awaitExactTotal(readCase.request()); // so the order still being computed loads no later run
            }
            long start = System.nanoTime();
            Answer answer = readCase.plain().run(duckdb);
            plain.add(new Sample((System.nanoTime() - start) / 1e6, answer));
        }
        return new ReadTable.Result(readCase, quarry, plain);
    }

    private Sample readQuarry(PageRequest request) {
        long start = System.nanoTime();
        Page page = engine.readPage(request);
        long values = 0;
        for (Row row : page.rows()) {
            for (Object value : row.values()) {
                if (value != null) {
                    values++;
                }
            }
        }
        double millis = (System.nanoTime() - start) / 1e6;
        return new Sample(millis, new Answer(values >= 0 ? page.rows().size() : -1, page.total(), page.totalExact()));
    }

    private void awaitExactTotal(PageRequest request) {
        long deadline = System.nanoTime() + ORDER_WAIT_NANOS;
        while (!engine.readPage(request).totalExact()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the engine found no exact total in 10 minutes: " + request);
            }
        }
    }

    /** A fresh engine on the same data dir and a fresh plain connection: empty caches, warm OS page cache. */
    private void reopen() throws SQLException {
        close();
        engine = DuckDbEngine.open(data.dataDir(), args.settings());
        duckdb = PlainDuckDb.open(data.database(), args.memoryLimit(), args.threads());
    }

    private void close() throws SQLException {
        engine.close();
        duckdb.close();
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
