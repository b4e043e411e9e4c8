package io.quarry.bench;

import io.quarry.bench.gen.ByteSizes;
import io.quarry.bench.gen.TripCsvGenerator;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;

/**
 * Load benchmark: the real server jar on a free port; N users each upload their own copy of a generated dataset,
 * then each runs a loop of pages, sorted pages, filtered pages, searches and chart aggregates for D seconds; twice in
 * the same server process, to see whether its memory grows from one run to the next. Then plain DuckDB does the same
 * query mix on the same dataset files with N threads, one connection each. Prints latency percentiles per kind of
 * request, the server's resident memory and any 5xx (which fail the bench).
 *
 * <p>Usage: {@value LoadArgs#USAGE}
 */
public final class LoadBench {

    private static final double GROWTH_PERCENT = 10;
    private static final double GROWTH_MB = 50;

    private final LoadArgs args;
    private final PrintStream out;
    private final long rows;
    private volatile boolean ingestFailed;

    private LoadBench(LoadArgs args, PrintStream out) {
        this.args = args;
        this.out = out;
        this.rows = TripCsvGenerator.rowsForMegabytes(ByteSizes.parse(args.size()) / 1e6);
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    /** Runs the benchmark; answers 0 when no request to Quarry failed, 1 when one did, 2 for a bad command line. */
    public static int run(String[] args, PrintStream out) throws Exception {
        LoadArgs parsed;
        try {
            parsed = LoadArgs.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(LoadArgs.USAGE);
            return 2;
        }
        out.printf(
                Locale.ROOT,
                "Quarry load bench: %d users, %d s per run, %s each, think %d ms, memory limit %s, threads %d,"
                        + " %s, load average %s%n",
                parsed.users(),
                parsed.seconds(),
                parsed.size(),
                parsed.thinkMillis(),
                parsed.memoryLimit(),
                parsed.threads(),
                Runtime.version(),
                ReadBench.loadAverage());
        return new LoadBench(parsed, out).run();
    }

    private int run() throws Exception {
        Path csv = new DataFiles(args.dir(), args.seed(), out).prepare(args.size());
        Path dataDir = Files.createTempDirectory(args.dir().toAbsolutePath(), "load-");
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        int status = 1;
        try {
            status = run(csv, dataDir);
            return status;
        } finally {
            DataFiles.deleteRecursively(dataDir);
            if (status == 0 && !ingestFailed) {
                Files.deleteIfExists(log);
            } else {
                out.println("the server's log is kept: " + log);
            }
        }
    }

    private int run(Path csv, Path dataDir) throws Exception {
        List<LoadRecorder> runs = new ArrayList<>();
        double[] rss = new double[3];
        double[] peak = new double[3];
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
                LoadServer server = LoadServer.start(args.jar(), dataDir, args.memoryLimit(), args.threads())) {
            HttpClient http = HttpClient.newBuilder()
                    .executor(threads)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            out.printf(Locale.ROOT, "server pid %d on %s, RSS %.0f MiB%n", server.pid(), server.base(), server.rssMb());
            List<LoadClient> users = new ArrayList<>();
            List<String> datasets = new ArrayList<>();
            upload(http, server.base(), csv, threads, users, datasets);
            rss[0] = server.rssMb();
            peak[0] = server.peakRssMb();
            out.printf(Locale.ROOT, "after the uploads: RSS %.0f MiB, peak %.0f MiB%n", rss[0], peak[0]);
            for (int run = 1; run <= 2; run++) {
                out.printf(Locale.ROOT, "quarry run %d: %d users for %d s ...%n", run, args.users(), args.seconds());
                runs.add(runQuarry(users, datasets, threads));
                rss[run] = server.rssMb();
                peak[run] = server.peakRssMb();
                out.printf(Locale.ROOT, "after run %d: RSS %.0f MiB, peak %.0f MiB%n", run, rss[run], peak[run]);
            }
        }
        out.printf(Locale.ROOT, "plain duckdb: %d threads for %d s ...%n", args.users(), args.seconds());
        LoadRecorder plain = runPlain(dataDir);
        report(runs, plain, rss, peak);
        // plain DuckDB's failures (it runs out of memory under many sorts) are figures, not a failed bench
        boolean failed = runs.stream().anyMatch(r -> r.serverErrors() + r.otherErrors() > 0);
        return failed ? 1 : 0;
    }

    /** Makes the users and lets each upload the same file as a dataset of their own, all at once. */
    private void upload(
            HttpClient http,
            String base,
            Path csv,
            ExecutorService threads,
            List<LoadClient> users,
            List<String> datasets)
            throws Exception {
        long start = System.nanoTime();
        LoadClient admin = LoadClient.login(http, base, "admin", LoadServer.ADMIN_PASSWORD);
        List<Future<LoadClient>> made = new ArrayList<>();
        for (int i = 0; i < args.users(); i++) {
            String username = "load-user-" + i;
            made.add(threads.submit(() -> admin.createUser(username, "password-of-" + username)));
        }
        for (Future<LoadClient> user : made) {
            users.add(user.get());
        }
        List<Future<String>> uploaded = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            LoadClient user = users.get(i);
            String name = "trips of user " + i;
            uploaded.add(threads.submit(() -> uploadOnceMore(user, name, csv)));
        }
        for (Future<String> id : uploaded) {
            datasets.add(id.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(
                Locale.ROOT,
                "%d users uploaded %s each; all ready in %.1f s (%.1f MB/s)%n",
                users.size(),
                args.size(),
                seconds,
                users.size() * (double) Files.size(csv) / 1e6 / seconds);
    }

    /**
     * Uploads a dataset; when its ingest fails, says so and uploads it once more (the failure is a finding to report,
     * but need not cost the whole run).
     */
    private String uploadOnceMore(LoadClient user, String name, Path csv) throws Exception {
        try {
            return user.upload(name, csv);
        } catch (LoadClient.IngestFailed e) {
            ingestFailed = true;
            out.println("INGEST FAILED, uploading once more: " + e.getMessage());
            return user.upload(name, csv);
        }
    }

    private LoadRecorder runQuarry(List<LoadClient> users, List<String> datasets, ExecutorService threads)
            throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(args.seconds()).toNanos();
        List<Future<LoadRecorder>> parts = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            LoadClient user = users.get(i);
            String dataset = datasets.get(i);
            SplittableRandom random = new SplittableRandom(args.seed() + i);
            parts.add(threads.submit(() -> loop(end, random, drawn -> {
                int status = user.send(dataset, drawn);
                return status == 200 ? Optional.empty() : Optional.of("HTTP " + status);
            })));
        }
        return LoadRecorder.merge(collect(parts));
    }

    /** One request; answers what went wrong (starting with "HTTP 5" for a 5xx), or nothing when it went well. */
    private interface Step {
        Optional<String> run(LoadRequest.Drawn drawn) throws Exception;
    }

    private LoadRecorder loop(long end, SplittableRandom random, Step step) throws InterruptedException {
        LoadRecorder recorder = new LoadRecorder();
        long offsetStep = random.nextInt(LoadRequest.values().length);
        for (long i = offsetStep; System.nanoTime() < end; i++) {
            LoadRequest.Drawn drawn = LoadRequest.draw(i, rows, random);
            long start = System.nanoTime();
            Optional<String> failure;
            try {
                failure = step.run(drawn);
            } catch (Exception e) {
                String message = String.valueOf(e.getMessage());
                failure = Optional.of(e.getClass().getSimpleName() + ": "
                        + message.lines().findFirst().orElse(""));
            }
            if (failure.isEmpty()) {
                recorder.ok(drawn.kind(), (System.nanoTime() - start) / 1e6);
            } else {
                recorder.failed(drawn.kind(), failure.get(), failure.get().startsWith("HTTP 5"));
            }
            if (args.thinkMillis() > 0) {
                Thread.sleep(args.thinkMillis());
            }
        }
        return recorder;
    }

    /**
     * Plain DuckDB: one in-memory instance with the same memory limit and threads, every dataset file attached
     * read-only, and one connection per user running that user's mix on its own dataset.
     */
    private LoadRecorder runPlain(Path dataDir) throws Exception {
        List<Path> files;
        try (Stream<Path> paths = Files.walk(dataDir)) {
            files = paths.filter(path -> path.getFileName().toString().equals("data.duckdb"))
                    .sorted()
                    .toList();
        }
        if (files.size() != args.users()) {
            throw new IllegalStateException("expected " + args.users() + " dataset files, found " + files.size());
        }
        try (DuckDBConnection root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
                Statement setup = root.createStatement()) {
            setup.execute("SET memory_limit = '" + args.memoryLimit() + "'");
            if (args.threads() > 0) {
                setup.execute("SET threads = " + args.threads());
            }
            for (int i = 0; i < files.size(); i++) {
                setup.execute("ATTACH '" + files.get(i).toAbsolutePath() + "' AS d" + i + " (READ_ONLY)");
            }
            long end = System.nanoTime() + Duration.ofSeconds(args.seconds()).toNanos();
            List<Future<LoadRecorder>> parts = new ArrayList<>();
            try (ExecutorService threads = Executors.newFixedThreadPool(files.size())) {
                for (int i = 0; i < files.size(); i++) {
                    String alias = "d" + i;
                    SplittableRandom random = new SplittableRandom(args.seed() + i);
                    parts.add(threads.submit(() -> {
                        try (Connection connection = root.duplicate()) {
                            return loop(end, random, drawn -> {
                                plainStep(connection, alias, drawn);
                                return Optional.empty();
                            });
                        }
                    }));
                }
                return LoadRecorder.merge(collect(parts));
            }
        }
    }

    private static void plainStep(Connection connection, String alias, LoadRequest.Drawn drawn) throws SQLException {
        for (String sql : drawn.sql(alias)) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 1;
                for (int at = 0; at < statement.getParameterMetaData().getParameterCount(); at++) {
                    statement.setObject(index++, drawn.parameters().get(at));
                }
                try (ResultSet result = statement.executeQuery()) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        for (int column = 1; column <= columns; column++) {
                            result.getObject(column);
                        }
                    }
                }
            }
        }
    }

    private static List<LoadRecorder> collect(List<Future<LoadRecorder>> parts) throws Exception {
        List<LoadRecorder> done = new ArrayList<>();
        for (Future<LoadRecorder> part : parts) {
            done.add(part.get());
        }
        return done;
    }

    private void report(List<LoadRecorder> runs, LoadRecorder plain, double[] rss, double[] peak) {
        for (int run = 0; run < runs.size(); run++) {
            table("quarry run " + (run + 1), runs.get(run));
        }
        table("plain duckdb", plain);
        out.printf(Locale.ROOT, "%n== p95 ms: quarry run 1, run 2, plain duckdb, run 2 / duckdb%n");
        for (LoadRequest kind : LoadRequest.values()) {
            double first = Stats.percentile(runs.get(0).millis(kind), 0.95);
            double second = Stats.percentile(runs.get(1).millis(kind), 0.95);
            double duckdb = Stats.percentile(plain.millis(kind), 0.95);
            out.printf(
                    Locale.ROOT,
                    "%-14s %9.1f %9.1f %9.1f %8.2fx%n",
                    kind.label(),
                    first,
                    second,
                    duckdb,
                    second / duckdb);
        }
        double growth = rss[2] - rss[1];
        boolean grew = growth > GROWTH_MB && growth > rss[1] * GROWTH_PERCENT / 100;
        out.printf(
                Locale.ROOT,
                "%nserver RSS: %.0f MiB after the uploads, %.0f MiB after run 1, %.0f MiB after run 2; peak %.0f MiB"
                        + "%nrun 2 changed RSS by %+.0f MiB (%+.1f%%): %s%n",
                rss[0],
                rss[1],
                rss[2],
                peak[2],
                growth,
                growth / rss[1] * 100,
                grew
                        ? "it grew (more than " + (int) GROWTH_PERCENT + "% and " + (int) GROWTH_MB + " MiB)"
                        : "no growth beyond " + (int) GROWTH_PERCENT + "% or " + (int) GROWTH_MB + " MiB");
        long serverErrors = runs.stream().mapToLong(LoadRecorder::serverErrors).sum();
        out.printf(
                Locale.ROOT,
                "5xx answers: %d (%s); DESIGN's target for 100 users on 50 MB: p95 <= 200 ms, no errors,"
                        + " RSS <= 2 GB%nload average at the end: %s%n",
                serverErrors,
                serverErrors == 0 ? "ok" : "FAILED",
                ReadBench.loadAverage());
    }

    private void table(String name, LoadRecorder recorder) {
        out.printf(
                Locale.ROOT,
                "%n== %s: %,d requests (%.1f/s), %d 5xx, %d other failures%n",
                name,
                recorder.requests(),
                recorder.requests() / (double) args.seconds(),
                recorder.serverErrors(),
                recorder.otherErrors());
        out.printf(
                Locale.ROOT, "%-14s %9s %9s %9s %9s %9s%n", "kind", "requests", "p50 ms", "p95 ms", "p99 ms", "max ms");
        for (LoadRequest kind : LoadRequest.values()) {
            row(kind.label(), recorder.millis(kind));
        }
        row("all", recorder.allMillis());
        recorder.failures().forEach(failure -> out.println("  failed: " + failure));
    }

    private void row(String label, List<Double> millis) {
        out.printf(
                Locale.ROOT,
                "%-14s %,9d %9.1f %9.1f %9.1f %9.1f%n",
                label,
                millis.size(),
                Stats.percentile(millis, 0.50),
                Stats.percentile(millis, 0.95),
                Stats.percentile(millis, 0.99),
                Stats.percentile(millis, 1.0));
    }
}
