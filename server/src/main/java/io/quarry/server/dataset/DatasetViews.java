package io.quarry.server.dataset;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarry.engine.Column;
import io.quarry.engine.Dataset;
import io.quarry.engine.Dialect;
import io.quarry.engine.Page;
import io.quarry.engine.Preview;
import io.quarry.engine.Reject;
import io.quarry.engine.RejectPage;
import io.quarry.engine.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The JSON bodies of the dataset API. */
final class DatasetViews {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private DatasetViews() {}

    record Summary(
            String id,
            String name,
            String owner,
            String status,
            long rowCount,
            int columnCount,
            long sizeBytes,
            Instant createdAt) {
        static Summary of(DatasetStore.Owned owned) {
            DatasetRecord d = owned.record();
            return new Summary(
                    d.id(),
                    d.name(),
                    owned.owner(),
                    d.status().wire(),
                    d.rowCount(),
                    d.columnCount(),
                    d.sourceBytes(),
                    d.createdAt());
        }
    }

    record ColumnView(String name, String label, String type, int position) {
        static List<ColumnView> of(List<Column> columns) {
            return columns.stream()
                    .map(c -> new ColumnView(c.name(), c.label(), c.type().toString(), c.position()))
                    .toList();
        }
    }

    record Failure(String code, String detail) {}

    record DialectView(
            String delimiter, String quote, String escape, boolean header, String encoding, String lineEnding) {
        static DialectView of(Dialect d) {
            return new DialectView(
                    String.valueOf(d.delimiter()),
                    String.valueOf(d.quote()),
                    String.valueOf(d.escape()),
                    d.header(),
                    d.encoding(),
                    d.lineEnding());
        }
    }

    /**
     * @param queuedMs from the upload's end to the ingest's start
     * @param ingestMs from the ingest's start to ready
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Timings(@Nullable Long queuedMs, @Nullable Long ingestMs) {}

    record Detail(
            String id,
            String name,
            String status,
            long sizeBytes,
            long rowCount,
            long rejectedCount,
            List<ColumnView> columns,
            @Nullable Failure failure,
            List<String> warnings,
            @Nullable DialectView dialect,
            Timings timings,
            Instant createdAt,
            @Nullable Instant readyAt,
            boolean preview) {

        /** With the columns of the published dataset, or of a preview while the upload or ingest runs. */
        static Detail of(DatasetRecord d, Optional<Dataset> published, Optional<Preview> preview) {
            Failure failure = d.failureCode() == null
                    ? null
                    : new Failure(d.failureCode(), d.failureDetail() == null ? "" : d.failureDetail());
            Long queued = d.startedAt() == null
                    ? null
                    : d.startedAt().toEpochMilli() - d.createdAt().toEpochMilli();
            Long ingest = d.startedAt() == null || d.readyAt() == null
                    ? null
                    : d.readyAt().toEpochMilli() - d.startedAt().toEpochMilli();
            return new Detail(
                    d.id(),
                    d.name(),
                    d.status().wire(),
                    d.sourceBytes(),
                    d.rowCount(),
                    d.rejectedCount(),
                    published
                            .map(p -> ColumnView.of(p.columns()))
                            .or(() -> preview.map(p -> ColumnView.of(p.columns())))
                            .orElse(List.of()),
                    failure,
                    published.map(Dataset::warnings).orElse(List.of()),
                    published.map(p -> DialectView.of(p.dialect())).orElse(null),
                    new Timings(queued, ingest),
                    d.createdAt(),
                    d.readyAt(),
                    published.isEmpty() && preview.isPresent());
        }
    }

    /** A page of rows: values as JSON numbers, booleans, strings and nulls; dates and timestamps in ISO form. */
    record RowsView(
            List<ColumnView> columns,
            List<List<@Nullable Object>> rows,
            List<Long> positions,
            long offset,
            int limit,
            long total,
            boolean totalExact,
            boolean preview) {
        static RowsView of(Page page) {
            return of(page.columns(), page.rows(), page.offset(), page.limit(), page.total(), page.totalExact(), false);
        }

        /**
         * The first rows of a dataset still uploading or ingesting, marked {@code preview}; its total is the number of
         * preview rows, not exact.
         */
        static RowsView of(Preview preview, long offset, int limit) {
            int from = (int) Math.min(offset, preview.rows().size());
            int to = (int) Math.min(preview.rows().size(), from + (long) limit);
            return of(
                    preview.columns(),
                    preview.rows().subList(from, to),
                    offset,
                    limit,
                    preview.rows().size(),
                    false,
                    true);
        }

        private static RowsView of(
                List<Column> columns,
                List<Row> pageRows,
                long offset,
                int limit,
                long total,
                boolean totalExact,
                boolean preview) {
            List<List<@Nullable Object>> rows = new ArrayList<>(pageRows.size());
            List<Long> positions = new ArrayList<>(pageRows.size());
            for (Row row : pageRows) {
                List<@Nullable Object> values = new ArrayList<>(row.values().size());
                for (Object value : row.values()) {
                    values.add(json(value));
                }
                rows.add(values);
                positions.add(row.position());
            }
            return new RowsView(ColumnView.of(columns), rows, positions, offset, limit, total, totalExact, preview);
        }
    }

    static @Nullable Object json(@Nullable Object value) {
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof LocalDateTime timestamp) {
            return (timestamp.getNano() == 0 ? SECONDS : MICROS).format(timestamp);
        }
        return value;
    }

    record RejectView(long line, String reason, String raw) {}

    record RejectsView(List<RejectView> rejects, long offset, int limit, long total) {
        static RejectsView of(RejectPage page) {
            List<RejectView> rejects = page.rejects().stream()
                    .map((Reject r) -> new RejectView(r.line(), r.reason(), r.raw()))
                    .toList();
            return new RejectsView(rejects, page.offset(), page.limit(), page.total());
        }
    }
}
