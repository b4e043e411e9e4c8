package io.quarry.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ingest benchmark: for each size, Quarry's engine against plain DuckDB on the same generated CSV, each run in a
 * fresh JVM with the same memory limit and threads, runs interleaved. Prints plain-text tables to stdout.
 *
 * <p>Usage: {@value BenchArgs#USAGE}
 */
public final class IngestBench {

    private final BenchArgs args;
    private final ChildJvm childJvm;
    private final PrintStream out;

    IngestBench(BenchArgs args, ChildJvm childJvm, PrintStream out) {
        this.args = args;
        this.childJvm = childJvm;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    /** Runs the benchmark; answers 0 when every run succeeded, 1 when some failed, 2 for a bad command line. */
    public static int run(String[] args, PrintStream out) throws IOException, InterruptedException {
        BenchArgs parsed;
        try {
            parsed = BenchArgs.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(BenchArgs.USAGE);
            return 2;
        }
        return new IngestBench(parsed, ChildJvm.likeThisOne(parsed.timeoutSeconds()), out).run();
    }

    int run() throws IOException, InterruptedException {
        out.printf(
                Locale.ROOT,
                "Quarry ingest bench: sizes %s, %d runs, memory limit %s, %d threads, seed %d, %s%n",
                String.join(",", args.sizes()),
                args.runs(),
                args.memoryLimit(),
                args.threads(),
                args.seed(),
                Runtime.version());
        var dataFiles = new DataFiles(args.dir(), args.seed(), out);
        boolean allSucceeded = true;
        for (String size : args.sizes()) {
            allSucceeded &= benchSize(size, dataFiles.prepare(size));
        }
        return allSucceeded ? 0 : 1;
    }

    private boolean benchSize(String size, Path file) throws IOException, InterruptedException {
        long bytes = Files.size(file);
        double floor = DataFiles.readSeconds(file);
        List<RunResult> runs = new ArrayList<>();
        for (int run = 0; run < args.runs(); run++) {
            // alternate who goes first, so neither always meets a page cache warmed by the other
            List<Contender> order = run % 2 == 0
                    ? List.of(Contender.QUARRY, Contender.DUCKDB)
                    : List.of(Contender.DUCKDB, Contender.QUARRY);
            for (Contender contender : order) {
                runs.add(runOnce(contender, file));
            }
        }
        out.printf(Locale.ROOT, "%n== %s: %s, %,d bytes%n", size, file.getFileName(), bytes);
        out.printf(
                Locale.ROOT,
                "I/O floor (read through a 1 MiB buffer): %.3f s, %.0f MB/s%n",
                floor,
                bytes / 1e6 / floor);
        new ResultTable(bytes, out).print(runs);
        out.println();
        return runs.stream().allMatch(RunResult::succeeded);
    }

    private RunResult runOnce(Contender contender, Path file) throws IOException, InterruptedException {
        Path runDir = Files.createTempDirectory(args.dir(), "run-" + contender.label() + "-");
        try {
            RunResult result = childJvm.ingest(
                    contender,
                    file,
                    runDir.resolve("data"),
                    runDir.resolve("child.log"),
                    args.memoryLimit(),
                    args.threads());
            out.printf(
                    Locale.ROOT,
                    "  %s: %s%n",
                    contender.label(),
                    result.measurement().map(Measurement::toJson).orElse("FAILED"));
            return result;
        } finally {
            DataFiles.deleteRecursively(runDir);
        }
    }
}
