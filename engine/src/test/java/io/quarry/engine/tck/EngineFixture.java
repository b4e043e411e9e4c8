package io.quarry.engine.tck;

import io.quarry.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** One engine on a temporary data directory, plus a directory for the files the tests ingest. */
final class EngineFixture implements AutoCloseable {

    private final Path dataDir;
    private final Path sourceDir;
    private final Function<Path, Engine> factory;
    private Engine engine;
    private int fileCount;

    EngineFixture(Path root, Function<Path, Engine> factory) {
        this.dataDir = root.resolve("data");
        this.sourceDir = root.resolve("sources");
        this.factory = factory;
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(sourceDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.engine = factory.apply(dataDir);
    }

    Engine engine() {
        return engine;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Closes the engine and opens a new one on the same data directory. */
    void reopen() {
        engine.close();
        engine = factory.apply(dataDir);
    }

    /** Closes the engine, runs {@code whileClosed}, then opens a new one on the same data directory. */
    void reopen(Runnable whileClosed) {
        engine.close();
        whileClosed.run();
        engine = factory.apply(dataDir);
    }

    /** A fresh path in the source directory whose name ends with {@code fileName}. */
    Path newSourcePath(String fileName) {
        fileCount++;
        return sourceDir.resolve(fileCount + "-" + fileName);
    }

    @Override
    public void close() {
        engine.close();
    }
}
