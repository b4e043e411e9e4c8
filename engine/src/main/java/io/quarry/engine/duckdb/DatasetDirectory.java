package io.quarry.engine.duckdb;

import io.quarry.engine.Dataset;
import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's files under the data dir: {@code datasets/<id>/} holds a published dataset ({@code data.duckdb},
 * {@code dataset.json}); {@code staging/<id>/} an ingest in progress, published by one atomic rename; {@code tmp/}
 * DuckDB's spill space. Stale staging directories are removed when the engine opens.
 */
final class DatasetDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetDirectory.class);
    private static final String MANIFEST = "dataset.json";
    private static final String DATABASE = "data.duckdb";
    private static final String ROWS = "rows.csv";
    private static final String ROW_INDEX = "rows.idx";
    private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final int ID_LENGTH = 12;

    private final Path datasets;
    private final Path staging;
    private final Path temp;
    private final SecureRandom random = new SecureRandom();
    private final JsonMapper json = JsonMapper.builder().build();

    private final Path root;

    private DatasetDirectory(Path root) {
        this.root = root;
        this.datasets = root.resolve("datasets");
        this.staging = root.resolve("staging");
        this.temp = root.resolve("tmp");
    }

    static DatasetDirectory open(Path root) {
        DatasetDirectory directory = new DatasetDirectory(root.toAbsolutePath().normalize());
        try {
            Files.createDirectories(directory.datasets);
            Files.createDirectories(directory.staging);
            Files.createDirectories(directory.temp);
            try (Stream<Path> previews = Files.list(directory.temp)) {
                for (Path path : previews.toList()) {
                    if (path.getFileName().toString().startsWith("preview-")) {
                        PathUtils.deleteDirectory(path);
                    }
                }
            }
            try (Stream<Path> stale = Files.list(directory.staging)) {
                for (Path path : stale.toList()) {
                    LOG.info("Removing an unfinished ingest left by an earlier run: {}", path.getFileName());
                    PathUtils.deleteDirectory(path);
                }
            }
        } catch (IOException e) {
            throw new QuarryException(
                    EngineError.STORAGE_FAILED, "The data directory cannot be used: " + e.getMessage(), e);
        }
        return directory;
    }

    String newId() {
        char[] id = new char[ID_LENGTH];
        for (int i = 0; i < ID_LENGTH; i++) {
            id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }

    List<Dataset> readPublished() {
        List<Dataset> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(datasets)) {
            for (Path dir : dirs.sorted(Comparator.naturalOrder()).toList()) {
                Path manifest = dir.resolve(MANIFEST);
                if (!Files.isRegularFile(manifest)
                        || !Files.isRegularFile(dir.resolve(DATABASE))
                        || !Files.isRegularFile(dir.resolve(ROW_INDEX))) {
                    LOG.warn("Skipping {}: it is not a complete dataset", dir.getFileName());
                    continue;
                }
                try {
                    DatasetManifest stored = json.readValue(manifest.toFile(), DatasetManifest.class);
                    long bytes = Files.size(dir.resolve(DATABASE))
                            + Files.size(dir.resolve(ROWS))
                            + Files.size(dir.resolve(ROW_INDEX));
                    found.add(stored.toDataset(bytes));
                } catch (JacksonException | IOException e) {
                    LOG.warn("Skipping {}: its dataset.json cannot be read ({})", dir.getFileName(), e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** The data directory itself, absolute. */
    Path root() {
        return root;
    }

    Path tempDir() {
        return temp;
    }

    Path createStage(String id) {
        try {
            return Files.createDirectory(staging.resolve(id));
        } catch (IOException e) {
            throw new QuarryException(EngineError.STORAGE_FAILED, "The ingest could not start: " + e.getMessage(), e);
        }
    }

    Path canonicalFile(String id) {
        return staging.resolve(id).resolve(ROWS);
    }

    Path rowIndexFile(String id) {
        return staging.resolve(id).resolve(ROW_INDEX);
    }

    Path publishedRows(String id) {
        return datasets.resolve(id).resolve(ROWS);
    }

    Path publishedRowIndex(String id) {
        return datasets.resolve(id).resolve(ROW_INDEX);
    }

    Path rejectsFile(String id) {
        return staging.resolve(id).resolve("rejects.csv");
    }

    Path stagedDatabaseFile(String id) {
        return staging.resolve(id).resolve(DATABASE);
    }

    Path publishedDir(String id) {
        return datasets.resolve(id);
    }

    Path databaseFile(String id) {
        return datasets.resolve(id).resolve(DATABASE);
    }

    /** The bytes a staged dataset takes on disk: its database, row store and index. */
    long stagedBytes(String id) {
        try {
            return Files.size(stagedDatabaseFile(id)) + Files.size(canonicalFile(id)) + Files.size(rowIndexFile(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CSV files a dataset kept in several tables is loaded from, one per table, in a new directory. */
    List<Path> createTableFiles(String id, int tables) {
        try {
            Path dir = Files.createDirectory(tableFilesDir(id));
            List<Path> files = new ArrayList<>(tables);
            for (int table = 0; table < tables; table++) {
                files.add(dir.resolve("rows_" + table + ".csv"));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path tableFilesDir(String id) {
        return staging.resolve(id).resolve("tables");
    }

    /** Deletes the reject log's CSV and any per-table CSV files once they are stored. */
    void removeScratch(String id) {
        try {
            Files.deleteIfExists(rejectsFile(id));
            if (Files.isDirectory(tableFilesDir(id))) {
                PathUtils.deleteDirectory(tableFilesDir(id));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code dataset.json} so that a reader never sees half a file. */
    void writeManifest(Path dir, Dataset dataset) {
        Path target = dir.resolve(MANIFEST);
        Path partial = dir.resolve(MANIFEST + ".partial");
        try {
            Files.write(partial, json.writeValueAsBytes(DatasetManifest.of(dataset)));
            move(partial, target);
        } catch (IOException e) {
            throw new QuarryException(EngineError.STORAGE_FAILED, "The dataset's facts could not be saved.", e);
        }
    }

    void publish(String id) {
        try {
            move(staging.resolve(id), datasets.resolve(id));
        } catch (IOException e) {
            throw new QuarryException(EngineError.STORAGE_FAILED, "The dataset could not be published.", e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A fresh directory under tmp/ for throw-away work such as a preview. */
    Path createScratch() {
        try {
            return Files.createTempDirectory(temp, "preview-");
        } catch (IOException e) {
            throw new QuarryException(EngineError.STORAGE_FAILED, "No scratch space: " + e.getMessage(), e);
        }
    }

    void removeScratchDir(Path dir) {
        delete(dir);
    }

    void removeStage(String id) {
        delete(staging.resolve(id));
    }

    void removePublished(String id) {
        delete(datasets.resolve(id));
    }

    private static void delete(Path dir) {
        try {
            if (Files.exists(dir)) {
                PathUtils.deleteDirectory(dir);
            }
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", dir, e.getMessage());
        }
    }
}
