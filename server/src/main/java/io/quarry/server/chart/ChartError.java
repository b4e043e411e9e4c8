package io.quarry.server.chart;

import io.quarry.engine.ErrorCode;
import io.quarry.engine.ErrorKind;

/** Errors of saved charts. Each one has a heading in docs/errors.md. */
public enum ChartError implements ErrorCode {
    CHART_NOT_FOUND(ErrorKind.NOT_FOUND, "Saved chart not found"),
    CHART_INVALID(ErrorKind.INVALID_REQUEST, "Invalid saved chart");

    private final ErrorKind kind;
    private final String title;

    ChartError(ErrorKind kind, String title) {
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
