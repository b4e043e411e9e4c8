package io.quarry.bench;

import io.quarry.bench.gen.ByteSizes;
import io.quarry.bench.gen.TripCsvGenerator;
import io.quarry.engine.duckdb.DuckDbSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The command line of {@link LoadBench}.
 *
 * @param users simulated users, each with a dataset of their own
 * @param seconds how long each of the two runs lasts
 * @param size the size of each user's dataset, as given ({@code 50MB})
 * @param thinkMillis a pause after each request of a user; 0 sends the next one at once
 * @param jar the server jar to start
 * @param dir where the input file is cached; the server's data directory is made below it and deleted afterwards
 * @param memoryLimit the server's {@code quarry.engine.memory-limit}, also plain DuckDB's
 * @param threads the server's {@code quarry.engine.threads}, also plain DuckDB's; 0 means one per core
 * @param seed the generator's seed
 */
record LoadArgs(
        int users,
        int seconds,
        String size,
        int thinkMillis,
        Path jar,
        Path dir,
        String memoryLimit,
        int threads,
        long seed) {

    static final String USAGE = "usage: LoadBench [--users 50] [--seconds 120] [--size 50MB] [--think-ms 0]"
            + " [--jar server/target/quarry.jar] [--dir bench/data] [--memory-limit 400MB] [--threads 0] [--seed 42]";

    LoadArgs {
        if (users < 1) {
            throw new IllegalArgumentException("--users must be 1 or more, not " + users);
        }
        if (seconds < 1) {
            throw new IllegalArgumentException("--seconds must be 1 or more, not " + seconds);
        }
        ByteSizes.parse(size);
        if (thinkMillis < 0) {
            throw new IllegalArgumentException("--think-ms must be 0 or more, not " + thinkMillis);
        }
        Objects.requireNonNull(jar);
        Objects.requireNonNull(dir);
        new DuckDbSettings(memoryLimit, threads); // the engine's own checks, before anything starts
    }

    static LoadArgs parse(String... args) {
        int users = 50;
        int seconds = 120;
        String size = "50MB";
        int thinkMillis = 0;
        Path jar = Path.of("server", "target", "quarry.jar");
        Path dir = Path.of("bench", "data");
        String memoryLimit = "400MB";
        int threads = 0;
        long seed = TripCsvGenerator.DEFAULT_SEED;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--users" -> users = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--size" -> size = value.trim();
                case "--think-ms" -> thinkMillis = Integer.parseInt(value);
                case "--jar" -> jar = Path.of(value);
                case "--dir" -> dir = Path.of(value);
                case "--memory-limit" -> memoryLimit = value;
                case "--threads" -> threads = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new LoadArgs(users, seconds, size, thinkMillis, jar, dir, memoryLimit, threads, seed);
    }
}
