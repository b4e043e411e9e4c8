package io.quarry.server.cli;

import io.quarry.server.QuarryServerApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts the web server; the settings not given here come from Spring Boot's usual sources (env, properties). */
@Command(name = ServeCommand.NAME, description = "Start the web server (default http://localhost:8000).")
final class ServeCommand implements Callable<Integer> {

    static final String NAME = "serve";

    @Option(names = "--port", paramLabel = "PORT", description = "The HTTP port (server.port; default 8000).")
    private @Nullable Integer port;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "${env:QUARRY_DATA_DIR}",
            description = "Where datasets are stored (quarry.data-dir, env QUARRY_DATA_DIR; default ./quarry-data).")
    private @Nullable Path dataDir;

    @Option(
            names = "--memory-limit",
            paramLabel = "SIZE",
            defaultValue = "${env:QUARRY_ENGINE_MEMORY_LIMIT}",
            description = "The engine's memory limit, e.g. 400MB (quarry.engine.memory-limit; default 400MB).")
    private @Nullable String memoryLimit;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "${env:QUARRY_ENGINE_THREADS}",
            description = "The engine's worker threads, 0 for one per core (quarry.engine.threads; default 0).")
    private @Nullable Integer threads;

    @Override
    public Integer call() {
        QuarryServerApplication.start(springArguments().toArray(String[]::new));
        return 0;
    }

    List<String> springArguments() {
        List<String> args = new ArrayList<>();
        if (port != null) {
            args.add("--server.port=" + port);
        }
        if (dataDir != null) {
            args.add("--quarry.data-dir=" + dataDir);
        }
        if (memoryLimit != null) {
            args.add("--quarry.engine.memory-limit=" + memoryLimit);
        }
        if (threads != null) {
            args.add("--quarry.engine.threads=" + threads);
        }
        return args;
    }
}
