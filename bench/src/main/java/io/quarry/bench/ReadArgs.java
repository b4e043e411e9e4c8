package io.quarry.bench;

import io.quarry.bench.gen.ByteSizes;
import io.quarry.bench.gen.TripCsvGenerator;
import io.quarry.engine.duckdb.DuckDbSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The command line of {@link ReadBench}.
 *
 * @param size the input size, as given ({@code 1GB})
 * @param runs timed runs per case and contender
 * @param dir where the input file is cached and the ingested data dir is kept ({@code read-<size>/})
 * @param memoryLimit DuckDB's memory limit for both contenders
 * @param threads DuckDB's threads for both contenders
 * @param seed the generator's seed
 */
record ReadArgs(String size, int runs, Path dir, String memoryLimit, int threads, long seed) {

    static final String USAGE = "usage: ReadBench [--size 1GB] [--runs 20] [--dir bench/data]"
            + " [--memory-limit 400MB] [--threads 2] [--seed 42]";

    ReadArgs {
        ByteSizes.parse(size);
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be 1 or more, not " + runs);
        }
        Objects.requireNonNull(dir);
        new DuckDbSettings(memoryLimit, threads); // the engine's own checks, before anything runs
    }

    static ReadArgs parse(String... args) {
        String size = "1GB";
        int runs = 20;
        Path dir = Path.of("bench", "data");
        String memoryLimit = "400MB";
        int threads = 2;
        long seed = TripCsvGenerator.DEFAULT_SEED;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--size" -> size = value.trim();
                case "--runs" -> runs = Integer.parseInt(value);
                case "--dir" -> dir = Path.of(value);
                case "--memory-limit" -> memoryLimit = value;
                case "--threads" -> threads = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new ReadArgs(size, runs, dir, memoryLimit, threads, seed);
    }

    DuckDbSettings settings() {
        return new DuckDbSettings(memoryLimit, threads);
    }
}
