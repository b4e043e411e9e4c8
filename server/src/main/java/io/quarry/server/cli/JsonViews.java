package io.quarry.server.cli;

import io.quarry.engine.Column;
import io.quarry.engine.Dataset;
import io.quarry.engine.Dialect;
import io.quarry.engine.IngestResult;
import io.quarry.engine.Page;
import io.quarry.engine.Reject;
import io.quarry.engine.RejectPage;
import io.quarry.engine.Row;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** What {@code --json} prints: one JSON value per command, field names in camelCase. */
final class JsonViews {

    private static final JsonMapper MAPPER =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonViews() {}

    static void print(PrintWriter out, Object value) {
        out.println(MAPPER.writeValueAsString(value));
        out.flush();
    }

    record ColumnJson(String name, String label, String type) {
        static List<ColumnJson> of(List<Column> columns) {
            return columns.stream()
                    .map(c -> new ColumnJson(c.name(), c.label(), c.type().toString()))
                    .toList();
        }
    }

    record DialectJson(
            String delimiter, String quote, String escape, boolean header, String encoding, String lineEnding) {
        static DialectJson of(Dialect d) {
            return new DialectJson(
                    String.valueOf(d.delimiter()),
                    String.valueOf(d.quote()),
                    String.valueOf(d.escape()),
                    d.header(),
                    d.encoding(),
                    d.lineEnding());
        }
    }

    record RejectJson(long line, String reason, String raw) {
        static List<RejectJson> of(List<Reject> rejects) {
            return rejects.stream()
                    .map(r -> new RejectJson(r.line(), r.reason(), r.raw()))
                    .toList();
        }
    }

    record IngestJson(
            String id,
            String name,
            long rows,
            long rejected,
            List<RejectJson> rejects,
            List<ColumnJson> columns,
            DialectJson dialect,
            List<String> warnings,
            double seconds,
            @Nullable OwnerJson owner) {
        static IngestJson of(IngestResult result, @Nullable OwnerJson owner) {
            Dataset d = result.dataset();
            return new IngestJson(
                    d.id(),
                    d.name(),
                    d.rowCount(),
                    d.rejectedCount(),
                    RejectJson.of(result.rejects()),
                    ColumnJson.of(d.columns()),
                    DialectJson.of(d.dialect()),
                    d.warnings(),
                    result.seconds(),
                    owner);
        }
    }

    /** Who a command-line ingest gave the dataset to, and the id the web API knows it by. */
    record OwnerJson(String user, String apiId) {}

    record DatasetJson(
            String id,
            String name,
            String version,
            long rows,
            long rejected,
            List<ColumnJson> columns,
            DialectJson dialect,
            List<String> warnings,
            Instant createdAt,
            long sourceBytes,
            long storedBytes) {
        static DatasetJson of(Dataset d) {
            return new DatasetJson(
                    d.id(),
                    d.name(),
                    d.version(),
                    d.rowCount(),
                    d.rejectedCount(),
                    ColumnJson.of(d.columns()),
                    DialectJson.of(d.dialect()),
                    d.warnings(),
                    d.createdAt(),
                    d.sourceBytes(),
                    d.storedBytes());
        }
    }

    record PageJson(
            List<ColumnJson> columns,
            List<List<@Nullable Object>> rows,
            long offset,
            int limit,
            long total,
            boolean totalExact) {
        static PageJson of(Page page) {
            List<List<@Nullable Object>> rows = new ArrayList<>(page.rows().size());
            for (Row row : page.rows()) {
                rows.add(row.values());
            }
            return new PageJson(
                    ColumnJson.of(page.columns()), rows, page.offset(), page.limit(), page.total(), page.totalExact());
        }
    }

    record RejectPageJson(List<RejectJson> rejects, long offset, int limit, long total) {
        static RejectPageJson of(RejectPage page) {
            return new RejectPageJson(RejectJson.of(page.rejects()), page.offset(), page.limit(), page.total());
        }
    }
}
