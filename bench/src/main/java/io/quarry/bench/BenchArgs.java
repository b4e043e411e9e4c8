package io.quarry.bench;

import io.quarry.bench.gen.ByteSizes;
import io.quarry.bench.gen.TripCsvGenerator;
import io.quarry.engine.duckdb.DuckDbSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The command line of {@link IngestBench}.
 *
 * @param sizes file sizes to bench, as given ({@code 100MB}, {@code 1GB})
 * @param runs runs per contender and size
 * @param dir where data files are cached and runs keep their temporary databases
 * @param memoryLimit DuckDB's memory limit for both contenders
 * @param threads DuckDB's threads for both contenders
 * @param seed the generator's seed
 * @param timeoutSeconds a child JVM running longer is killed and its run counted as failed
 */
record BenchArgs(
        List<String> sizes, int runs, Path dir, String memoryLimit, int threads, long seed, long timeoutSeconds) {

    static final String USAGE = "usage: IngestBench [--sizes 100MB,1GB] [--runs 3] [--dir bench/data]"
            + " [--memory-limit 400MB] [--threads 2] [--seed 42] [--timeout-seconds 3600]";

    BenchArgs {
        sizes = List.copyOf(sizes);
        sizes.forEach(ByteSizes::parse);
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("--sizes needs at least one size");
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be 1 or more, not " + runs);
        }
        Objects.requireNonNull(dir);
        new DuckDbSettings(memoryLimit, threads); // the same checks the engine makes, before any child starts
        if (threads < 0 || timeoutSeconds < 1) {
            throw new IllegalArgumentException("--threads must be 0 or more and --timeout-seconds positive");
        }
    }

    static BenchArgs parse(String... args) {
        List<String> sizes = List.of("100MB", "1GB");
        int runs = 3;
        Path dir = Path.of("bench", "data");
        String memoryLimit = "400MB";
        int threads = 2;
        long seed = TripCsvGenerator.DEFAULT_SEED;
        long timeoutSeconds = 3600;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--sizes" ->
                    sizes = Arrays.stream(value.split(",")).map(String::trim).toList();
                case "--runs" -> runs = Integer.parseInt(value);
                case "--dir" -> dir = Path.of(value);
                case "--memory-limit" -> memoryLimit = value;
                case "--threads" -> threads = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--timeout-seconds" -> timeoutSeconds = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new BenchArgs(sizes, runs, dir, memoryLimit, threads, seed, timeoutSeconds);
    }
}
