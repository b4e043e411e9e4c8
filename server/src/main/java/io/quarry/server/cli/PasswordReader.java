package io.quarry.server.cli;

import io.quarry.engine.QuarryException;
import io.quarry.server.ServerError;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A new password: prompted for twice on a terminal, else the first line of standard input. */
final class PasswordReader {

    private PasswordReader() {}

    static String readNewPassword(String username) {
        Console console = System.console();
        if (console != null && isTerminal(console)) {
            char[] first = console.readPassword("New password for %s: ", username);
            char[] second = console.readPassword("Repeat it: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new QuarryException(ServerError.INVALID_PASSWORD, "The two passwords differ; nothing changed.");
            }
            return new String(first);
        }
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null || line.isEmpty()) {
                throw new QuarryException(
                        ServerError.INVALID_PASSWORD,
                        "No password on standard input: pipe it in, e.g. `printf '%s\\n' \"$PASSWORD\" | quarry user"
                                + " add NAME`.");
            }
            return line;
        } catch (IOException e) {
            throw new QuarryException(ServerError.INVALID_PASSWORD, "Standard input could not be read.", e);
        }
    }

    /** Console.isTerminal() exists from Java 22 on, where System.console() is no longer null for a pipe. */
    private static boolean isTerminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: a console at all means a terminal
        }
    }
}
