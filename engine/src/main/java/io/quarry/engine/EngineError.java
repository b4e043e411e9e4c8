package io.quarry.engine;

/** Errors the engine reports. Each one has a heading in docs/errors.md. */
public enum EngineError implements ErrorCode {
    DATASET_NOT_FOUND(ErrorKind.NOT_FOUND, "Dataset not found"),
    SOURCE_NOT_FOUND(ErrorKind.NOT_FOUND, "Source file not found"),
    CSV_EMPTY_FILE(ErrorKind.UNPROCESSABLE, "The file is empty"),
    CSV_NOT_TEXT(ErrorKind.UNPROCESSABLE, "The file is not text"),
    CSV_TOO_MANY_REJECTS(ErrorKind.UNPROCESSABLE, "Too many rows could not be read"),
    CSV_NO_ROWS_LOADED(ErrorKind.UNPROCESSABLE, "No row could be read"),
    CSV_UNREADABLE(ErrorKind.UNPROCESSABLE, "The file could not be read"),
    CSV_DECOMPRESSED_TOO_LARGE(ErrorKind.TOO_LARGE, "The compressed file expands too far"),
    CSV_TOO_MANY_COLUMNS(ErrorKind.UNPROCESSABLE, "Too many columns"),
    INGEST_CANCELLED(ErrorKind.CONFLICT, "Ingest cancelled"),
    INVALID_NAME(ErrorKind.INVALID_REQUEST, "Invalid dataset name"),
    INVALID_PAGE(ErrorKind.INVALID_REQUEST, "Invalid page request"),
    UNKNOWN_COLUMN(ErrorKind.INVALID_REQUEST, "Unknown column"),
    INVALID_FILTER(ErrorKind.INVALID_REQUEST, "Invalid filter"),
    CAPABILITY_NOT_SUPPORTED(ErrorKind.INVALID_REQUEST, "Not supported by this engine"),
    QUERY_UNKNOWN_FIELD(ErrorKind.INVALID_REQUEST, "Unknown chart field"),
    QUERY_INVALID(ErrorKind.INVALID_REQUEST, "Invalid chart query"),
    QUERY_NOT_SUPPORTED(ErrorKind.INVALID_REQUEST, "Chart operation not supported"),
    QUERY_EXPRESSION_INVALID(ErrorKind.INVALID_REQUEST, "Invalid computed-field expression"),
    QUERY_TIME_LIMIT(ErrorKind.LIMIT_EXCEEDED, "Chart query took too long"),
    QUERY_MEMORY_LIMIT(ErrorKind.LIMIT_EXCEEDED, "Query needed too much memory"),
    QUERY_INTERRUPTED(ErrorKind.UNAVAILABLE, "Query interrupted"),
    QUERY_CANCELLED(ErrorKind.CONFLICT, "Query cancelled"),
    STORAGE_FAILED(ErrorKind.INTERNAL, "Storage failure");

    private final ErrorKind kind;
    private final String title;

    EngineError(ErrorKind kind, String title) {
        this.kind = kind;
        this.title = title;
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }

    @Override
    public String title() {
        return title;
    }
}
