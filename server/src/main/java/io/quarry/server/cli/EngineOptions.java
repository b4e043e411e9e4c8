package io.quarry.server.cli;

import io.quarry.engine.Engine;
import io.quarry.engine.duckdb.DuckDbEngine;
import io.quarry.engine.duckdb.DuckDbSettings;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the data lives and how the engine runs: shared by every command that reads or writes datasets. */
final class EngineOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "${env:QUARRY_DATA_DIR:-./quarry-data}",
            description = "Where datasets are stored (env QUARRY_DATA_DIR; default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(
            names = "--memory-limit",
            paramLabel = "SIZE",
            defaultValue = "${env:QUARRY_ENGINE_MEMORY_LIMIT:-400MB}",
            description = "The engine's memory limit, e.g. 400MB or 2GB (env QUARRY_ENGINE_MEMORY_LIMIT;"
                    + " default: ${DEFAULT-VALUE}).")
    private String memoryLimit;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "${env:QUARRY_ENGINE_THREADS:-0}",
            description = "The engine's worker threads, 0 for one per core (env QUARRY_ENGINE_THREADS;"
                    + " default: ${DEFAULT-VALUE}).")
    private int threads;

    Path dataDir() {
        return dataDir;
    }

    Engine open() {
        return DuckDbEngine.open(dataDir, settings());
    }

    private DuckDbSettings settings() {
        try {
            return new DuckDbSettings(memoryLimit, threads);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid engine setting: " + e.getMessage());
        }
    }
}
