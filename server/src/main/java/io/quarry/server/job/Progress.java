package io.quarry.server.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarry.engine.IngestProgress;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A dataset's progress as sent to the browser.
 *
 * @param phase {@code upload}, {@code queued}, {@code sniff}, {@code parse}, {@code index}, {@code profile}, {@code done} or
 *     {@code failed}
 * @param bytesTotal -1 when unknown
 * @param code the error code, only when failed
 * @param detail what went wrong, only when failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Progress(
        String phase,
        long bytesDone,
        long bytesTotal,
        long rows,
        long rejected,
        long elapsedMs,
        @Nullable String code,
        @Nullable String detail) {

    public static final String UPLOAD = "upload";
    public static final String QUEUED = "queued";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    public Progress {
        Objects.requireNonNull(phase);
    }

    public static Progress upload(long bytesDone, long bytesTotal, long elapsedMs) {
        return new Progress(UPLOAD, bytesDone, bytesTotal, 0, 0, elapsedMs, null, null);
    }

    public static Progress queued(long bytesTotal) {
        return new Progress(QUEUED, 0, bytesTotal, 0, 0, 0, null, null);
    }

    public static Progress done(long bytes, long rows, long rejected, long elapsedMs) {
        return new Progress(DONE, bytes, bytes, rows, rejected, elapsedMs, null, null);
    }

    public static Progress failed(String code, String detail) {
        return new Progress(FAILED, 0, -1, 0, 0, 0, code, detail);
    }

    static Progress of(IngestProgress progress) {
        return new Progress(
                progress.phase().name().toLowerCase(Locale.ROOT),
                progress.bytesDone(),
                progress.bytesTotal(),
                progress.rows(),
                progress.rejected(),
                progress.elapsedMs(),
                null,
                null);
    }

    public boolean isFinished() {
        return phase.equals(DONE) || phase.equals(FAILED);
    }
}
