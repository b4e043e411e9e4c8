package io.quarry.server.cli;

import io.quarry.engine.QuarryException;
import io.quarry.server.ServerError;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** The {@code quarry} command: the jar's entry point. */
@Command(
        name = "quarry",
        mixinStandardHelpOptions = true,
        versionProvider = QuarryCli.Version.class,
        description = "Explore CSV files of any size.",
        subcommands = {
            IngestCommand.class,
            ListCommand.class,
            InfoCommand.class,
            RowsCommand.class,
            ExportCommand.class,
            RejectsCommand.class,
            RmCommand.class,
            ServeCommand.class,
            UserCommand.class,
            CommandLine.HelpCommand.class
        })
public final class QuarryCli implements Runnable {

    /** Set to any value to print the stack trace of an unexpected error. */
    static final String DEBUG_ENV = "QUARRY_DEBUG";

    /** The JDK's property for how many platform threads carry virtual threads (by default one per core). */
    static final String CARRIERS = "jdk.virtualThreadScheduler.parallelism";

    public static void main(String[] args) {
        boolean serving = args.length > 0 && args[0].equals(ServeCommand.NAME);
        if (!serving && System.getProperty("logback.configurationFile") == null) {
            // the command line logs errors only, to stderr; `serve` keeps Spring Boot's logging
            System.setProperty("logback.configurationFile", "quarry-cli-logback.xml");
        }
        if (serving && System.getProperty(CARRIERS) == null) {
            // requests run on virtual threads, and a carrier runs one until it parks: an upload whose bytes are always
            // there, or a DuckDB query (a native call), holds its carrier. With more carriers than such requests the OS
            // shares the cores among them, and a health check or a page does not queue behind them.
            System.setProperty(
                    CARRIERS,
                    String.valueOf(Math.max(64, 8 * Runtime.getRuntime().availableProcessors())));
        }
        CommandLine commandLine = commandLine();
        int exitCode;
        try {
            exitCode = commandLine.execute(args);
        } catch (Throwable error) { // an Error, which picocli does not hand to the FailureHandler
            exitCode = new FailureHandler().report(error, commandLine.getErr());
        }
        if (exitCode == 0 && servedWebApp(commandLine)) {
            return; // the web server's threads keep the JVM alive until it is stopped
        }
        System.exit(exitCode);
    }

    static CommandLine commandLine() {
        return new CommandLine(new QuarryCli()).setExecutionExceptionHandler(new FailureHandler());
    }

    private static boolean servedWebApp(CommandLine commandLine) {
        ParseResult parsed = commandLine.getParseResult();
        return parsed.subcommand() != null
                && parsed.subcommand().commandSpec().name().equals(ServeCommand.NAME)
                && !parsed.subcommand().isUsageHelpRequested();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "Missing command, e.g. `quarry ingest FILE`.");
    }

    /** One line on stderr, exit code 1: the message of a Quarry error as is, a short sentence for anything else. */
    static final class FailureHandler implements IExecutionExceptionHandler {

        @Override
        public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
            return report(exception, commandLine.getErr());
        }

        int report(Throwable exception, PrintWriter err) {
            err.println("quarry: " + oneLine(message(exception)));
            if (System.getenv(DEBUG_ENV) != null) {
                exception.printStackTrace(err);
            }
            err.flush();
            return 1;
        }

        static String message(Throwable exception) {
            if (exception instanceof QuarryException quarry) {
                return quarry.getMessage() == null ? quarry.code().title() : quarry.getMessage();
            }
            if (exception.getCause() instanceof QuarryException quarry) {
                return message(quarry);
            }
            String detail =
                    exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
            return ServerError.INTERNAL_ERROR.title() + ": " + detail + " (set " + DEBUG_ENV
                    + "=1 to see the stack trace).";
        }

        private static String oneLine(String text) {
            return text.strip().replaceAll("\\s*\\R\\s*", " ");
        }
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = QuarryCli.class.getPackage().getImplementationVersion();
            return new String[] {"quarry " + (version == null ? "(development build)" : version)};
        }
    }
}
