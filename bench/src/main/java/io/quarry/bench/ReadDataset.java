package io.quarry.bench;

import io.quarry.bench.gen.ByteSizes;
import io.quarry.bench.gen.TripCsvGenerator;
import io.quarry.engine.Dataset;
import io.quarry.engine.IngestListener;
import io.quarry.engine.IngestOptions;
import io.quarry.engine.IngestRequest;
import io.quarry.engine.duckdb.DuckDbEngine;
import io.quarry.engine.duckdb.DuckDbSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The read bench's dataset: the bench file ingested once into a data dir kept between runs, reused when it holds
 * exactly one dataset ingested from the same file (same name, source bytes and row count).
 *
 * @param dataDir the engine's data dir
 * @param dataset the dataset as published
 * @param database its DuckDB file, {@code <dataDir>/datasets/<id>/data.duckdb}
 */
record ReadDataset(Path dataDir, Dataset dataset, Path database) {

    /** The bench file of the arguments' size (generated when missing) ingested into {@code <dir>/read-<size>}. */
    static ReadDataset prepare(ReadArgs args, PrintStream out) throws IOException {
        Path csv = new DataFiles(args.dir(), args.seed(), out).prepare(args.size());
        return prepare(csv, args.size(), args.seed(), args.dir().resolve("read-" + args.size()), args.settings(), out);
    }

    static ReadDataset prepare(Path csv, String size, long seed, Path dataDir, DuckDbSettings settings, PrintStream out)
            throws IOException {
        long expectedRows = TripCsvGenerator.rowsForMegabytes(ByteSizes.parse(size) / 1e6);
        long sourceBytes = Files.size(csv);
        String name = csv.getFileName() + " seed " + seed;
        if (Files.isDirectory(dataDir)) {
            try (DuckDbEngine engine = DuckDbEngine.open(dataDir, settings)) {
                List<Dataset> datasets = engine.listDatasets();
                if (datasets.size() == 1 && matches(datasets.get(0), name, sourceBytes, expectedRows)) {
                    Dataset dataset = datasets.get(0);
                    out.printf(
                            Locale.ROOT,
                            "reusing dataset %s in %s: %,d rows from %s%n",
                            dataset.id(),
                            dataDir,
                            dataset.rowCount(),
                            name);
                    return of(dataDir, dataset);
                }
            }
            out.printf(Locale.ROOT, "%s holds no dataset ingested from %s; ingesting anew%n", dataDir, name);
            DataFiles.deleteRecursively(dataDir);
        }
        Files.createDirectories(dataDir);
        try (DuckDbEngine engine = DuckDbEngine.open(dataDir, settings)) {
            long start = System.nanoTime();
            Dataset dataset = engine.ingest(new IngestRequest(csv, name, IngestOptions.defaults()), IngestListener.NONE)
                    .dataset();
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf(
                    Locale.ROOT,
                    "ingested %s into %s: %,d rows, %,d rejected in %.2f s (%.1f MB/s)%n",
                    csv,
                    dataDir,
                    dataset.rowCount(),
                    dataset.rejectedCount(),
                    seconds,
                    sourceBytes / 1e6 / seconds);
            return of(dataDir, dataset);
        }
    }

    private static boolean matches(Dataset dataset, String name, long sourceBytes, long expectedRows) {
        return dataset.name().equals(name)
                && dataset.sourceBytes() == sourceBytes
                && dataset.rowCount() + dataset.rejectedCount() == expectedRows;
    }

    private static ReadDataset of(Path dataDir, Dataset dataset) {
        Path database = dataDir.resolve("datasets").resolve(dataset.id()).resolve("data.duckdb");
        if (!Files.isRegularFile(database)) {
            throw new IllegalStateException("the dataset's DuckDB file is missing: " + database);
        }
        return new ReadDataset(dataDir, dataset, database);
    }
}
