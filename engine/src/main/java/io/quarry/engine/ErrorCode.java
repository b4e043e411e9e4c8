package io.quarry.engine;

/** A stable, documented error code: each module implements this with an enum of its own. */
public interface ErrorCode {

    /** The code as it appears on the wire, e.g. {@code CSV_EMPTY_FILE}. */
    String name();

    ErrorKind kind();

    /** A short, fixed title for the code. */
    String title();
}
