package io.quarry.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.dataset.ApiTestSupport;
import io.quarry.server.dataset.QuarryApi;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * SQL smuggled through every place a user's text reaches a query: row filters (column, value, operator, lists),
 * sort, search, chart fields, chart filter values, computed-field expressions, dataset names, page bounds and
 * oversized or deeply nested bodies. Each answer is a 4xx problem or treats the text as data; no answer carries a file
 * from outside the data directory or another user's rows, nothing is written outside it, and the server stays healthy.
 */
class SqlSmugglingIT extends ApiTestSupport {

    private static final String PASSWD_LINE = "root:x:0:0";
    private static final Path PWNED =
            Path.of("/tmp/quarry-smuggled-" + ProcessHandle.current().pid());
    private static final List<String> PAYLOADS = List.of(
            "x' OR 1=1 --",
            "'); SELECT * FROM read_csv('/etc/passwd'); --",
            "\"; SELECT * FROM read_text('/etc/passwd'); --",
            "read_csv('/etc/passwd')",
            "read_text('/etc/passwd')",
            "'); COPY (SELECT 1) TO '" + PWNED + "'; --",
            "'); ATTACH '/etc/passwd' AS x; --",
            "'); INSTALL httpfs; LOAD httpfs; --",
            "*",
            "`; SET enable_external_access = true; --");

    @Test
    void smuggledSqlIsRefusedOrTakenAsDataOnEveryPath() throws Exception {
        Files.deleteIfExists(PWNED);
        QuarryApi mallory = user("mallory");
        QuarryApi victim = user("victim");
        String secret = victim.ingest("secret", "id,code\n1,VICTIM-SECRET-7\n");
        String id = mallory.ingest("mine", "id,city,price\n1,Oslo,12.50\n2,Rome,7.25\n");
        List<HttpResponse<String>> answers = new ArrayList<>();

        for (String payload : PAYLOADS) {
            answers.add(expectDataOrProblem(mallory.get(rows(id, "filter", filter("city", "eq", payload)))));
            answers.add(expectDataOrProblem(
                    mallory.get(rows(id, "filter", filter("city", "in", List.of(payload, "Oslo"))))));
            answers.add(expectProblem(mallory.get(rows(id, "filter", filter(payload, "eq", "Oslo")))));
            answers.add(expectProblem(mallory.get(rows(id, "filter", filter("city", payload, "Oslo")))));
            answers.add(expectProblem(mallory.get(rows(id, "sort", payload))));
            answers.add(expectDataOrProblem(mallory.get(rows(id, "search", payload))));
            answers.add(expectProblem(mallory.send("POST", "/api/datasets/" + id + "/query", aggregateBy(payload))));
            answers.add(expectDataOrProblem(mallory.send("POST", "/api/datasets/" + id + "/query", oneOf(payload))));
            answers.add(expectProblem(mallory.send("POST", "/api/datasets/" + id + "/query", computed(payload))));
            answers.add(expectDataOrProblem(mallory.send("PATCH", "/api/datasets/" + id, Map.of("name", payload))));
            answers.add(expectDataOrProblem(mallory.get(rows(id, "filter", filter("city", "eq", payload)))));
        }
        answers.add(expectProblem(
                mallory.send("POST", "/api/datasets/" + id + "/query", computed("read_text('/etc/passwd')"))));
        answers.add(expectProblem(mallory.get("/api/datasets/" + id + "/rows?limit=1000000000000")));
        answers.add(expectProblem(mallory.get("/api/datasets/" + id + "/rows?offset=-1")));
        answers.add(expectProblem(
                mallory.send("POST", "/api/datasets/" + id + "/query", Map.of("workflow", List.of(), "limit", 1e12))));
        answers.add(expectProblem(
                mallory.send("POST", "/api/datasets/" + id + "/query", Map.of("workflow", List.of(), "offset", -1))));
        answers.add(expectProblem(mallory.send(mallory.request("/api/datasets/" + id + "/query")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[".repeat(100_000) + "]".repeat(100_000)))
                .build())));
        answers.add(expectProblem(mallory.send(mallory.request("/api/datasets/" + id + "/query")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"workflow\":[],\"tag\":\"" + "x".repeat(10 << 20) + "\"}"))
                .build())));

        assertThat(answers)
                .allSatisfy(answer -> assertThat(answer.body()).doesNotContain(PASSWD_LINE, "VICTIM-SECRET"));
        assertThat(PWNED).doesNotExist();
        JsonNode rows = mallory.getJson("/api/datasets/" + id + "/rows?sort=-price");
        assertThat(rows.get("total").asLong()).isEqualTo(2);
        assertThat(rows.get("rows").get(0).get(1).asString()).isEqualTo("Oslo");
        assertThat(victim.getJson("/api/datasets/" + secret + "/rows")
                        .get("rows")
                        .get(0)
                        .get(1)
                        .asString())
                .isEqualTo("VICTIM-SECRET-7");
        assertThat(mallory.get("/actuator/health").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> expectProblem(HttpResponse<String> answer) {
        assertThat(answer.statusCode())
                .as(answer.request().method() + " " + answer.request().uri() + " answered " + answer.body())
                .isBetween(400, 499);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        return answer;
    }

    private static HttpResponse<String> expectDataOrProblem(HttpResponse<String> answer) {
        if (answer.statusCode() >= 400) {
            return expectProblem(answer);
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private static String rows(String id, String parameter, String value) {
        return "/api/datasets/" + id + "/rows?" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String filter(String column, String op, Object value) {
        return QuarryApi.JSON.writeValueAsString(List.of(Map.of("column", column, "op", op, "value", value)));
    }

    private static Map<String, Object> aggregateBy(String fid) {
        return Map.of(
                "workflow",
                List.of(Map.of(
                        "type",
                        "view",
                        "query",
                        List.of(Map.of(
                                "op",
                                "aggregate",
                                "groupBy",
                                List.of(fid),
                                "measures",
                                List.of(Map.of("field", "price", "agg", "sum", "asFieldKey", "s")))))));
    }

    private static Map<String, Object> oneOf(String value) {
        return Map.of(
                "workflow",
                List.of(
                        Map.of(
                                "type",
                                "filter",
                                "filters",
                                List.of(Map.of(
                                        "fid", "city", "rule", Map.of("type", "one of", "value", List.of(value))))),
                        Map.of("type", "view", "query", List.of(Map.of("op", "raw", "fields", List.of("*"))))));
    }

    private static Map<String, Object> computed(String expression) {
        return Map.of(
                "workflow",
                List.of(
                        Map.of(
                                "type",
                                "transform",
                                "transform",
                                List.of(Map.of(
                                        "key",
                                        "x",
                                        "expression",
                                        Map.of(
                                                "op",
                                                "expr",
                                                "as",
                                                "x",
                                                "params",
                                                List.of(Map.of("type", "sql", "value", expression)))))),
                        Map.of("type", "view", "query", List.of(Map.of("op", "raw", "fields", List.of("x"))))));
    }
}
