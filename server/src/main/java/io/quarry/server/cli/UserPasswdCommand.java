package io.quarry.server.cli;

import io.quarry.server.auth.OfflineAccounts;
import io.quarry.server.auth.QuarryPrincipal;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "passwd",
        description = "Set a user's password (their sessions end). Read from standard input, or prompted for on a"
                + " terminal.")
final class UserPasswdCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The username.")
    private String name;

    @Mixin
    private MetaStoreOptions store;

    @Override
    public Integer call() {
        String password = PasswordReader.readNewPassword(name);
        OfflineAccounts.checkPassword(password);
        QuarryPrincipal user;
        try (OfflineAccounts accounts = store.open()) {
            user = accounts.changePassword(name, password);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Changed the password of " + user.username() + ".");
        out.flush();
        return 0;
    }
}
