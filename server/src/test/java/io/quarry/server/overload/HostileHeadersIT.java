package io.quarry.server.overload;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.dataset.ApiTestSupport;
import io.quarry.server.dataset.QuarryApi;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Hostile CSV headers through the whole stack, over HTTP: SQL in a header, quotes, backticks, {@code *}, empty and
 * duplicate names, 10,000 columns. Each file ingests; its columns keep their labels verbatim under safe API names,
 * and pages, sorts, filters, profiles, chart fields and chart queries on every such column answer the right rows. A
 * header name longer than 1,000 characters (such as one of 1 MB) keeps its first 1,000 with a warning and then
 * answers the same; a file of more than 16,384 columns is refused with {@code CSV_TOO_MANY_COLUMNS}.
 */
class HostileHeadersIT extends ApiTestSupport {

    private static final List<String> LABELS =
            List.of("n", "\"; DROP TABLE x; --", "'", "`select`", "*", "", "dup", "dup", "DUP", "a\"b,c");
    private static final List<String> NAMES = List.of(
            "n", "DROP_TABLE_x", "column_3", "select", "column_5", "column_6", "dup", "dup_2", "DUP_3", "a_b_c");

    @Test
    void everyHostileColumnCanBePagedSortedFilteredAndCharted() throws Exception {
        QuarryApi alice = user("hostile-alice");
        StringJoiner header = new StringJoiner(",", "", "\n");
        LABELS.forEach(label -> header.add(quoted(label)));
        StringBuilder csv = new StringBuilder(header.toString());
        String[] letters = {"b", "c", "a"};
        for (int line = 0; line < letters.length; line++) {
            StringJoiner row = new StringJoiner(",", "", "\n").add(String.valueOf(line + 1));
            for (int column = 1; column < LABELS.size(); column++) {
                row.add(letters[line] + column);
            }
            csv.append(row);
        }
        String id = alice.ingest("hostile headers", csv.toString());

        JsonNode columns = alice.getJson("/api/datasets/" + id).get("columns");
        assertThat(columns.size()).isEqualTo(LABELS.size());
        JsonNode fields = alice.getJson("/api/datasets/" + id + "/fields");
        for (int column = 0; column < LABELS.size(); column++) {
            String name = NAMES.get(column);
            assertThat(columns.get(column).get("name").asString()).isEqualTo(name);
            assertThat(columns.get(column).get("label").asString()).isEqualTo(LABELS.get(column));
            assertThat(fields.get(column).get("fid").asString()).isEqualTo(name);
            assertThat(fields.get(column).get("name").asString()).isEqualTo(LABELS.get(column));
            if (column > 0) {
                assertColumnAnswers(alice, id, name, column);
            }
        }
    }

    @Test
    void tenThousandColumnsIngestAndAnswerAndMoreThan16384AreRefused() throws Exception {
        QuarryApi alice = user("hostile-alice");
        int width = 10_000;
        String id = alice.ingest("ten thousand columns", wide(width));

        JsonNode columns = alice.getJson("/api/datasets/" + id).get("columns");
        assertThat(columns.size()).isEqualTo(width);
        assertThat(columns.get(1).get("name").asString()).isEqualTo("dup");
        assertThat(columns.get(2).get("name").asString()).isEqualTo("column_3");
        assertThat(columns.get(3).get("name").asString()).isEqualTo("dup_2");
        assertThat(columns.get(width - 1).get("name").asString()).isEqualTo("dup_5000");
        assertThat(alice.getJson("/api/datasets/" + id + "/fields").size()).isEqualTo(width);
        JsonNode page = alice.getJson("/api/datasets/" + id + "/rows");
        assertThat(page.get("rows").get(0).size()).isEqualTo(width);
        JsonNode profile = alice.getJson("/api/datasets/" + id + "/profile").get("columns");
        assertThat(profile.size()).isEqualTo(width);
        assertThat(profile.get(width - 1).get("topValues").size()).isEqualTo(3);
        assertColumnAnswers(alice, id, "column_9999", width - 2);
        assertColumnAnswers(alice, id, "dup_5000", width - 1);

        int refused = 16_385;
        HttpResponse<String> upload =
                alice.upload("too wide", "text/csv", wide(refused).getBytes(StandardCharsets.UTF_8));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        JsonNode detail = alice.awaitFinished(
                QuarryApi.JSON.readTree(upload.body()).get("id").asString());
        assertThat(detail.get("status").asString()).isEqualTo("failed");
        assertThat(detail.get("failure").get("code").asString()).isEqualTo("CSV_TOO_MANY_COLUMNS");
        assertThat(detail.get("failure").get("detail").asString())
                .isEqualTo(String.format(
                        Locale.ROOT,
                        "The file has %,d columns; Quarry reads at most 16,384. Drop the columns you do not"
                                + " need, or split the file, and upload it again.",
                        refused));
    }

    /** A header of "n" then alternately "dup" and empty names, and three rows: n, then b/c/a plus the position. */
    private static String wide(int width) {
        StringJoiner header = new StringJoiner(",", "", "\n").add("n");
        for (int column = 1; column < width; column++) {
            header.add(column % 2 == 0 ? "" : "dup");
        }
        StringBuilder csv = new StringBuilder(header.toString());
        String[] letters = {"b", "c", "a"};
        for (int line = 0; line < letters.length; line++) {
            StringJoiner row = new StringJoiner(",", "", "\n").add(String.valueOf(line + 1));
            for (int column = 1; column < width; column++) {
                row.add(letters[line] + column);
            }
            csv.append(row);
        }
        return csv.toString();
    }

    @Test
    void aThousandCharacterNameIngestsAndAMegabyteOneIngestsShortened() throws Exception {
        QuarryApi alice = user("hostile-alice");
        String longest = "n".repeat(1_000);
        String id = alice.ingest("long name", "id," + longest + "\n1,b1\n2,c1\n3,a1\n");
        assertThat(alice.getJson("/api/datasets/" + id)
                        .get("columns")
                        .get(1)
                        .get("label")
                        .asString())
                .isEqualTo(longest);
        assertColumnAnswers(alice, id, longest, 1);

        String megabyte = "m".repeat(1 << 20);
        String shortened = alice.ingest("megabyte name", "id," + megabyte + "\n1,b1\n2,c1\n3,a1\n");
        JsonNode detail = alice.getJson("/api/datasets/" + shortened);
        assertThat(detail.get("columns").get(1).get("label").asString()).isEqualTo("m".repeat(1_000));
        assertThat(detail.get("warnings").toString()).contains("their first 1,000 are kept");
        assertThat(detail.toString().length())
                .as("the megabyte is not sent back")
                .isLessThan(20_000);
        assertColumnAnswers(alice, shortened, "m".repeat(1_000), 1);
    }

    /**
     * The column at {@code position} holds {@code b<position>}, {@code c<position>}, {@code a<position>} in rows 1 to
     * 3: sorting, filtering and charting by it must find them.
     */
    private static void assertColumnAnswers(QuarryApi api, String id, String name, int position) throws Exception {
        String rows = "/api/datasets/" + id + "/rows";
        String column = URLEncoder.encode(name, StandardCharsets.UTF_8);
        assertThat(api.getJson(rows + "?sort=-" + column).get("positions").toString())
                .as(name)
                .isEqualTo("[2,1,3]");
        assertThat(api.getJson(rows + "?sort=" + column).get("positions").toString())
                .as(name)
                .isEqualTo("[3,1,2]");
        String filter = QuarryApi.JSON.writeValueAsString(
                List.of(Map.of("column", name, "op", "in", "values", List.of("a" + position, "c" + position))));
        JsonNode filtered = api.getJson(rows + "?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
        assertThat(filtered.get("positions").toString()).as(name).isEqualTo("[2,3]");
        assertThat(filtered.get("total").asLong()).isEqualTo(2);
        JsonNode page = api.getJson(rows + "?search=" + URLEncoder.encode("c" + position, StandardCharsets.UTF_8));
        assertThat(page.get("positions").toString()).as(name).contains("2");

        String chart = QuarryApi.JSON.writeValueAsString(Map.of(
                "workflow",
                List.of(
                        Map.of(
                                "type",
                                "view",
                                "query",
                                List.of(Map.of(
                                        "op",
                                        "aggregate",
                                        "groupBy",
                                        List.of(name),
                                        "measures",
                                        List.of(Map.of("field", "*", "agg", "count", "asFieldKey", "n"))))),
                        Map.of("type", "sort", "sort", "descending", "by", List.of(name)))));
        HttpResponse<String> answer = api.send(api.request("/api/datasets/" + id + "/query")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chart, StandardCharsets.UTF_8))
                .build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<String> groups = new ArrayList<>();
        for (JsonNode row : QuarryApi.JSON.readTree(answer.body())) {
            groups.add(row.get(name).asString() + "=" + row.get("n").asLong());
        }
        assertThat(groups)
                .as(name)
                .containsExactly("c" + position + "=1", "b" + position + "=1", "a" + position + "=1");
    }

    private static String quoted(String label) {
        return "\"" + label.replace("\"", "\"\"") + "\"";
    }
}
