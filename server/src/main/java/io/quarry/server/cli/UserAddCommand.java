package io.quarry.server.cli;

import io.quarry.server.auth.OfflineAccounts;
import io.quarry.server.auth.QuarryPrincipal;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "add",
        description = "Add a user. The password is read from standard input, or prompted for on a terminal.")
final class UserAddCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The username (stored in lower case).")
    private String name;

    @Option(names = "--admin", description = "Give the user the admin role.")
    private boolean admin;

    @Mixin
    private MetaStoreOptions store;

    @Override
    public Integer call() {
        String password = PasswordReader.readNewPassword(name);
        OfflineAccounts.checkPassword(password);
        QuarryPrincipal user;
        try (OfflineAccounts accounts = store.open()) {
            user = accounts.addUser(name, password, admin);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Added " + (user.admin() ? "admin " : "user ") + user.username() + " (id " + user.id() + ").");
        out.flush();
        return 0;
    }
}
