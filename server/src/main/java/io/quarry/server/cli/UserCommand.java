package io.quarry.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code quarry user add|passwd}: manage accounts in the metadata store directly, without a running server. */
@Command(
        name = "user",
        description = "Add users and set passwords in the metadata store (stop `quarry serve` first when it uses"
                + " the embedded store).",
        subcommands = {UserAddCommand.class, UserPasswdCommand.class})
final class UserCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing command: `quarry user add NAME` or" + " `quarry user passwd NAME`.");
    }
}
