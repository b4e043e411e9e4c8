package io.quarry.server.cli;

import io.quarry.engine.IngestListener;
import io.quarry.engine.IngestProgress;
import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;

/** Shows an ingest's progress on one rewritten stderr line, only when a person is watching a terminal. */
final class ProgressPrinter implements IngestListener, AutoCloseable {

    private final PrintWriter err;
    private final boolean enabled;
    private boolean printed;

    private ProgressPrinter(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static ProgressPrinter forTerminal(PrintWriter err) {
        return new ProgressPrinter(err, isTerminal());
    }

    @Override
    public synchronized void onProgress(IngestProgress progress) {
        if (!enabled) {
            return;
        }
        String done = progress.bytesTotal() > 0
                ? String.format(Locale.ROOT, "%3.0f%%", 100.0 * progress.bytesDone() / progress.bytesTotal())
                : Formats.megabytes(progress.bytesDone());
        err.print(String.format(
                Locale.ROOT,
                "\r%-6s %s  %s rows  %s rejected  %.1f s   ",
                progress.phase().name().toLowerCase(Locale.ROOT),
                done,
                Formats.count(progress.rows()),
                Formats.count(progress.rejected()),
                progress.elapsedMs() / 1000.0));
        err.flush();
        printed = true;
    }

    @Override
    public synchronized void close() {
        if (printed) {
            err.print("\r" + " ".repeat(70) + "\r");
            err.flush();
        }
    }

    /**
     * {@code System.console() != null}; on JDK 22+, where a console exists even when redirected, also
     * {@code Console.isTerminal()}.
     */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only for a terminal
        }
    }
}
