package io.quarry.server.cli;

import io.quarry.engine.Engine;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rm", description = "Remove a dataset and its files.")
final class RmCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The dataset's id.")
    private String id;

    @Mixin
    private EngineOptions engineOptions;

    @Override
    public Integer call() {
        try (Engine engine = engineOptions.open()) {
            engine.deleteDataset(id);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Removed " + id + ".");
        out.flush();
        return 0;
    }
}
