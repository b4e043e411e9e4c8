package io.quarry.engine;

/** What sort of failure an error is; the server maps each kind to one HTTP status. */
public enum ErrorKind {
    INVALID_REQUEST,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    TOO_LARGE,
    INSUFFICIENT_STORAGE,
    UNPROCESSABLE,
    LIMIT_EXCEEDED,
    RATE_LIMITED,
    UNAVAILABLE,
    INTERNAL
}
