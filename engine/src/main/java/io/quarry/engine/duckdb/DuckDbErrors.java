package io.quarry.engine.duckdb;

import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;
import java.sql.SQLException;

/** What a DuckDB failure means for the person who asked: the engine's own errors carry their class in the message. */
final class DuckDbErrors {

    private DuckDbErrors() {}

    /**
     * Whether DuckDB ran out of memory: the memory limit was reached and what it could not hold did not fit in the
     * temporary directory either (or could not be spilled at all).
     */
    static boolean outOfMemory(SQLException e) {
        return messageOf(e).contains("Out of Memory Error");
    }

    /** Whether the statement was interrupted (cancelled) rather than failing on its own. */
    static boolean interrupted(SQLException e) {
        return messageOf(e).contains("INTERRUPT Error");
    }

    /** A query stopped by someone other than the time limit: the engine is closing, as the server shuts down. */
    static QuarryException interruptedQuery(SQLException e) {
        return new QuarryException(
                EngineError.QUERY_INTERRUPTED,
                "The query was stopped because the server is shutting down; try again in a moment.",
                e);
    }

    private static String messageOf(SQLException e) {
        String message = e.getMessage();
        return message == null ? "" : message;
    }
}
