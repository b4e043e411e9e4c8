package io.quarry.server;

import io.quarry.engine.ErrorCode;
import io.quarry.engine.ErrorKind;

/** Errors the server module reports on top of the engine's. Each one has a heading in docs/errors.md. */
public enum ServerError implements ErrorCode {
    UPLOAD_FAILED(ErrorKind.INTERNAL, "The upload could not be stored"),
    EXPORT_FAILED(ErrorKind.INTERNAL, "The export could not be written"),
    INTERNAL_ERROR(ErrorKind.INTERNAL, "Internal error"),

    // requests that the web layer rejects before any feature sees them
    INVALID_REQUEST(ErrorKind.INVALID_REQUEST, "Invalid request"),
    MALFORMED_REQUEST(ErrorKind.INVALID_REQUEST, "Malformed request body"),
    ROUTE_NOT_FOUND(ErrorKind.NOT_FOUND, "No such route"),
    METHOD_NOT_ALLOWED(ErrorKind.INVALID_REQUEST, "Method not allowed"),
    UNSUPPORTED_MEDIA_TYPE(ErrorKind.INVALID_REQUEST, "Unsupported media type"),
    NOT_ACCEPTABLE(ErrorKind.INVALID_REQUEST, "Not acceptable"),
    REQUEST_TOO_LARGE(ErrorKind.TOO_LARGE, "Request too large"),
    SERVICE_UNAVAILABLE(ErrorKind.UNAVAILABLE, "Service unavailable"),

    // accounts, sessions and tokens
    UNAUTHENTICATED(ErrorKind.UNAUTHENTICATED, "Authentication required"),
    LOGIN_FAILED(ErrorKind.UNAUTHENTICATED, "Wrong username or password"),
    INVALID_TOKEN(ErrorKind.UNAUTHENTICATED, "Invalid API token"),
    FORBIDDEN(ErrorKind.FORBIDDEN, "Not allowed"),
    CSRF_TOKEN_INVALID(ErrorKind.FORBIDDEN, "Missing or invalid CSRF token"),
    TOO_MANY_LOGIN_ATTEMPTS(ErrorKind.RATE_LIMITED, "Too many failed logins"),
    INVALID_USERNAME(ErrorKind.INVALID_REQUEST, "Username not acceptable"),
    INVALID_PASSWORD(ErrorKind.INVALID_REQUEST, "Password not acceptable"),
    WRONG_CURRENT_PASSWORD(ErrorKind.INVALID_REQUEST, "Current password is wrong"),
    USER_NOT_FOUND(ErrorKind.NOT_FOUND, "No such user"),
    USERNAME_TAKEN(ErrorKind.CONFLICT, "Username already taken"),
    LAST_ADMIN(ErrorKind.CONFLICT, "The last admin must stay"),
    USER_IN_USE(ErrorKind.CONFLICT, "User still owns data"),
    TOKEN_NOT_FOUND(ErrorKind.NOT_FOUND, "No such API token"),
    METADATA_STORE_IN_USE(ErrorKind.UNAVAILABLE, "Metadata store in use");

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
