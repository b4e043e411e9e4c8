package io.quarry.engine;

import java.util.Objects;

/** The root of every error Quarry reports; {@link #getMessage()} is a sentence meant for a person. */
public class QuarryException extends RuntimeException {

    private final ErrorCode code;

    public QuarryException(ErrorCode code, String detail) {
        super(detail);
        this.code = Objects.requireNonNull(code);
    }

    public QuarryException(ErrorCode code, String detail, Throwable cause) {
        super(detail, cause);
        this.code = Objects.requireNonNull(code);
    }

    public ErrorCode code() {
        return code;
    }
}
