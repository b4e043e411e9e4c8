package io.quarry.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.engine.Column;
import io.quarry.engine.ColumnType;
import io.quarry.engine.Dataset;
import io.quarry.engine.Dialect;
import io.quarry.engine.IngestResult;
import io.quarry.engine.Page;
import io.quarry.engine.Reject;
import io.quarry.engine.Row;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonViewsTest {

    private static final List<Column> COLUMNS = List.of(
            new Column("fare", "Fare", ColumnType.decimal(9, 2), 0),
            new Column("day", "Day", ColumnType.DATE, 1),
            new Column("note", "Note", ColumnType.VARCHAR, 2));

    private static JsonNode print(Object value) {
        StringWriter text = new StringWriter();
        JsonViews.print(new PrintWriter(text), value);
        return JsonMapper.builder().build().readTree(text.toString());
    }

    private static Dataset dataset() {
        return new Dataset(
                "d1",
                "trips",
                "v1",
                2,
                1,
                COLUMNS,
                new Dialect('\t', '"', '"', true, "UTF-8", "LF"),
                List.of("a warning"),
                Instant.parse("2026-01-02T03:04:05Z"),
                100,
                50);
    }

    @Test
    void ingestHasTheDocumentedShape() {
        var result = new IngestResult(dataset(), List.of(new Reject(3, "Line 3 has 1 field.", "3")), 0.5, 100);

        JsonNode json = print(JsonViews.IngestJson.of(result, new JsonViews.OwnerJson("alice", "abc")));

        assertThat(json.propertyNames())
                .containsExactlyInAnyOrder(
                        "id",
                        "name",
                        "rows",
                        "rejected",
                        "rejects",
                        "columns",
                        "dialect",
                        "warnings",
                        "seconds",
                        "owner");
        assertThat(json.get("owner").propertyNames()).containsExactlyInAnyOrder("user", "apiId");
        assertThat(print(JsonViews.IngestJson.of(result, null)).get("owner").isNull())
                .isTrue();
        assertThat(json.get("rejects").get(0).propertyNames()).containsExactlyInAnyOrder("line", "reason", "raw");
        assertThat(json.get("columns").get(0).get("type").asString()).isEqualTo("DECIMAL(9,2)");
        assertThat(json.get("columns").get(0).propertyNames()).containsExactlyInAnyOrder("name", "label", "type");
        assertThat(json.get("dialect").get("delimiter").asString()).isEqualTo("\t");
        assertThat(json.get("dialect").propertyNames())
                .containsExactlyInAnyOrder("delimiter", "quote", "escape", "header", "encoding", "lineEnding");
        assertThat(json.get("warnings").get(0).asString()).isEqualTo("a warning");
        assertThat(json.get("seconds").asDouble()).isEqualTo(0.5);
    }

    @Test
    void pageRowsAreArraysWithIsoDatesAndNulls() {
        var row = new Row(1, Arrays.asList(new BigDecimal("12.50"), LocalDate.of(2026, 1, 2), null));
        var page = new Page(COLUMNS, List.of(row), 0, 20, 1, true);

        JsonNode json = print(JsonViews.PageJson.of(page));

        assertThat(json.propertyNames())
                .containsExactlyInAnyOrder("columns", "rows", "offset", "limit", "total", "totalExact");
        JsonNode values = json.get("rows").get(0);
        assertThat(values.get(0).decimalValue()).isEqualByComparingTo("12.50");
        assertThat(values.get(1).asString()).isEqualTo("2026-01-02");
        assertThat(values.get(2).isNull()).isTrue();
    }

    @Test
    void datasetHasCreatedAtAsIsoInstant() {
        JsonNode json = print(JsonViews.DatasetJson.of(dataset()));

        assertThat(json.get("createdAt").asString()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(json.get("rows").asLong()).isEqualTo(2);
    }
}
