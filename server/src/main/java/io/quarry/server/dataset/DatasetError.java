package io.quarry.server.dataset;

import io.quarry.engine.ErrorCode;
import io.quarry.engine.ErrorKind;

/** Errors of datasets, uploads and ingest jobs. Each one has a heading in docs/errors.md. */
public enum DatasetError implements ErrorCode {
    DATASET_NOT_READY(ErrorKind.CONFLICT, "The dataset is not ready"),
    UPLOAD_TOO_LARGE(ErrorKind.TOO_LARGE, "The file is too large"),
    UPLOAD_QUOTA_EXCEEDED(ErrorKind.TOO_LARGE, "Your storage quota is used up"),
    UPLOAD_DISK_FULL(ErrorKind.INSUFFICIENT_STORAGE, "Not enough free disk space on the server"),
    UPLOAD_INVALID(ErrorKind.INVALID_REQUEST, "Invalid upload"),
    UPLOAD_NOT_FOUND(ErrorKind.NOT_FOUND, "Upload not found"),
    UPLOAD_OFFSET_MISMATCH(ErrorKind.CONFLICT, "Upload offset mismatch"),
    UPLOAD_INTERRUPTED(ErrorKind.UNPROCESSABLE, "The upload was interrupted"),
    INGEST_DISK_FULL(ErrorKind.INSUFFICIENT_STORAGE, "The server ran out of disk space"),
    INGEST_FAILED(ErrorKind.INTERNAL, "The ingest failed");

    private final ErrorKind kind;
    private final String title;

    DatasetError(ErrorKind kind, String title) {
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
