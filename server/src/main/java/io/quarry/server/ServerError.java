package io.quarry.server;

import io.quarry.engine.ErrorCode;
import io.quarry.engine.ErrorKind;

/** Errors the server module reports on top of the engine's. Each one has a heading in docs/errors.md. */
public enum ServerError implements ErrorCode {
    UPLOAD_FAILED(ErrorKind.INTERNAL, "The upload could not be stored"),
    INTERNAL_ERROR(ErrorKind.INTERNAL, "Internal error");

    private final ErrorKind kind;
    private final String title;

    ServerError(ErrorKind kind, String title) {
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
