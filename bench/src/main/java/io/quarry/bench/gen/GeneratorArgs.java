package io.quarry.bench.gen;

import java.nio.file.Path;
import java.util.Objects;

/** The command line of {@link TripCsvGenerator}. */
record GeneratorArgs(long rows, long seed, Path out) {

    GeneratorArgs {
        if (rows < 0) {
            throw new IllegalArgumentException("--rows must be 0 or more, not " + rows);
        }
        Objects.requireNonNull(out);
    }

    static GeneratorArgs parse(String... args) {
        long rows = -1;
        long seed = TripCsvGenerator.DEFAULT_SEED;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--rows" -> rows = Long.parseLong(value);
                case "--size" -> rows = TripCsvGenerator.rowsForMegabytes(ByteSizes.parse(value) / 1e6);
                case "--seed" -> seed = Long.parseLong(value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (rows < 0 || out == null) {
            throw new IllegalArgumentException("--rows (or --size) and --out are required");
        }
        return new GeneratorArgs(rows, seed, out);
    }
}
