package io.quarry.server.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.dataset.ApiTestSupport;
import io.quarry.server.dataset.QuarryApi;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The chart API end to end: fields, the contract's example payloads, hostile payloads, caching and who may see. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartApiIT extends ApiTestSupport {

    static final String TRIPS = """
            id,category,distance_km,payment,price,note,pickup_at
            1,books,2.5,card,10,on time,2024-01-05 08:00:00
            2,toys,0.5,cash,20,LATE,2024-01-10 09:00:00
            3,books,1.0,cash,15,running late,2024-01-20 10:00:00
            4,food,3,card,40,,2024-02-01 11:00:00
            5,toys,5,card,,late again,2024-01-31 23:59:59
            6,toys,1.5,card,25,fine,2024-02-15 12:00:00
            """;

    static final String A = """
            {"workflow":[{"type":"filter","filters":[{"fid":"category","rule":{"type":"one of","value":["books","toys"]}},
              {"fid":"distance_km","rule":{"type":"range","value":[1,null]}}]},
             {"type":"view","query":[{"op":"aggregate","groupBy":["payment"],
               "measures":[{"field":"price","agg":"sum","asFieldKey":"price_sum"}]}]},
             {"type":"sort","sort":"descending","by":["price_sum"]}],"limit":10}""";

    static final String B = """
            {"workflow":[{"type":"filter","filters":[{"fid":"note","rule":{"type":"regexp","value":"late"}}]},
             {"type":"view","query":[{"op":"raw","fields":["*"]}]},
             {"type":"sort","sort":"descending","by":["price"]}],"limit":100,"offset":%d}""";

    static final String C = """
            {"workflow":[{"type":"transform","transform":[
               {"key":"gw_b1n","expression":{"op":"bin","as":"gw_b1n","params":[{"type":"field","value":"price"}],"num":10}},
               {"key":"gw_count_fid","expression":{"op":"one","as":"gw_count_fid","params":[]}}]},
             {"type":"view","query":[{"op":"aggregate","groupBy":["gw_b1n"],
               "measures":[{"field":"gw_count_fid","agg":"sum","asFieldKey":"gw_count_fid_sum"}]}]}],"tag":"profiling"}""";

    static final String D = """
            {"workflow":[{"type":"filter","filters":[{"fid":"pickup_at","rule":{"type":"temporal range",
                 "value":[1704067200000,1706745599000]}}]},
             {"type":"transform","transform":[{"key":"gw_m0nt","expression":{"op":"dateTimeDrill","as":"gw_m0nt",
                 "params":[{"type":"field","value":"pickup_at"},{"type":"value","value":"month"}]}}]},
             {"type":"view","query":[{"op":"aggregate","groupBy":["gw_m0nt","category"],
               "measures":[{"field":"price","agg":"mean","asFieldKey":"price_mean"}]}]}]}""";

    @Autowired
    ChartService charts;

    QuarryApi alice;
    String trips;

    @BeforeAll
    void upload() throws Exception {
        alice = user("chart-alice");
        trips = alice.ingest("chart trips", TRIPS);
    }

    HttpResponse<String> query(QuarryApi api, String id, String body) throws Exception {
        return api.send(api.request("/api/datasets/" + id + "/query")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    JsonNode ok(String body) throws Exception {
        HttpResponse<String> response = query(alice, trips, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue(ChartController.CAPPED_HEADER)).isEmpty();
        return QuarryApi.JSON.readTree(response.body());
    }

    /** @return the problem's detail */
    String problem(String body, int status, String code) throws Exception {
        HttpResponse<String> response = query(alice, trips, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = QuarryApi.JSON.readTree(response.body());
        assertThat(problem.get("code").asString()).as(response.body()).isEqualTo(code);
        return problem.get("detail").asString();
    }

    /** A bar chart over a computed field, as Graphic Walker sends it: the expression is a JSON string. */
    static String exprChart(String expression) {
        return """
                {"workflow":[{"type":"transform","transform":[{"key":"band","expression":{"op":"expr","as":"band",
                   "params":[{"type":"sql","value":%s}]}}]},
                 {"type":"view","query":[{"op":"aggregate","groupBy":["band"],
                   "measures":[{"field":"price","agg":"sum","asFieldKey":"price_sum"}]}]}]}""".formatted(QuarryApi.JSON.writeValueAsString(expression));
    }

    @Test
    void aComputedFieldDrivesABarChart() throws Exception {
        // prices 10, 20, 15, 40, null, 25: high = 20 + 40 + 25, low = 10 + 15 (+ the null)
        JsonNode rows = ok("""
                {"workflow":[{"type":"transform","transform":[
                   {"key":"band","expression":{"op":"expr","as":"band",
                     "params":[{"type":"sql","value":"CASE WHEN \\"price\\" >= 20 THEN 'high' ELSE 'low' END"}]}},
                   {"key":"double","expression":{"op":"expr","as":"double","params":[{"type":"sql","value":"price * 2"}]}}]},
                 {"type":"view","query":[{"op":"aggregate","groupBy":["band"],
                   "measures":[{"field":"double","agg":"sum","asFieldKey":"double_sum"},
                     {"field":"max(price) - min(price)","agg":"expr","asFieldKey":"spread"}]}]},
                 {"type":"sort","sort":"descending","by":["double_sum"]}]}""");

        assertThat(rows.toString())
                .isEqualTo("[{\"band\":\"high\",\"double_sum\":170.0,\"spread\":20.0},"
                        + "{\"band\":\"low\",\"double_sum\":50.0,\"spread\":5.0}]");
    }

    /** Cells as Graphic Walker sends them: raw deflate, then base64. */
    static String deflated(byte[] cells) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(cells);
        deflater.finish();
        byte[] packed = new byte[64 + cells.length];
        int length = deflater.deflate(packed);
        deflater.end();
        return Base64.getEncoder().encodeToString(Arrays.copyOf(packed, length));
    }

    static String paintChart(String param) {
        return """
                {"workflow":[{"type":"transform","transform":[{"key":"gw_paint","expression":{"op":"paint",
                   "as":"gw_paint","params":[%s]}}]},
                 {"type":"view","query":[{"op":"aggregate","groupBy":["gw_paint"],
                   "measures":[{"field":"*","agg":"count","asFieldKey":"n"}]}]}]}""".formatted(param);
    }

    @Test
    void paintMapsEachRowToThePaintedColour() throws Exception {
        // toys priced in the upper half of [0, 40] are painted "hot": trips 2 (20) and 6 (25)
        JsonNode rows = ok(paintChart("""
                {"type":"newmap","value":{"facets":[{"dimensions":[
                   {"fid":"category","domain":{"type":"nominal","value":["books","toys"],"width":2}},
                   {"fid":"price","domain":{"type":"quantitative","value":[0,40],"width":2}}],
                   "map":"%s","usedColor":[2]}],
                 "dict":{"1":{"name":"rest","color":"#ccc"},"2":{"name":"hot","color":"#f00"}},"usedColor":[2]}}""".formatted(deflated(new byte[] {0, 0, 0, 2}))));
        assertThat(rows.toString()).isEqualTo("[{\"gw_paint\":\"hot\",\"n\":2},{\"gw_paint\":\"rest\",\"n\":4}]");

        // the first format: y = price over [0, 40], x = distance over [0, 5], 2 x 2; only trip 4 is in the top right
        JsonNode old = ok(paintChart("""
                {"type":"map","value":{"x":"distance_km","y":"price","domainX":[0,5],"domainY":[0,40],"mapwidth":2,
                 "map":"%s","dict":{"1":{"name":"rest","color":"#ccc"},"2":{"name":"hot","color":"#f00"}},
                 "usedColor":[2]}}""".formatted(deflated(new byte[] {0, 0, 0, 2}))));
        assertThat(old.toString()).isEqualTo("[{\"gw_paint\":\"hot\",\"n\":1},{\"gw_paint\":\"rest\",\"n\":5}]");

        assertThat(problem(paintChart("""
                                {"type":"newmap","value":{"facets":[{"dimensions":[{"fid":"price",
                                   "domain":{"type":"quantitative","value":[0,40],"width":2}}],"map":"%%%%"}],
                                 "dict":{"1":{"name":"rest"}}}}"""), 400, "QUERY_INVALID")).isEqualTo("A paint map is not valid base64.");
    }

    @Test
    void hostileExpressionsAreProblemsNamingTheToken() throws Exception {
        assertThat(problem(exprChart("read_csv('/etc/passwd')"), 400, "QUERY_EXPRESSION_INVALID"))
                .startsWith("The expression cannot use \"read_csv\" (position 1): it is not one of the allowed"
                        + " functions");
        assertThat(problem(exprChart("price; DROP TABLE datasets"), 400, "QUERY_EXPRESSION_INVALID"))
                .isEqualTo("The expression cannot use \";\" (position 6): an expression is one value, not"
                        + " statements.");
        assertThat(problem(exprChart("price + (SELECT 1)"), 400, "QUERY_EXPRESSION_INVALID"))
                .isEqualTo("The expression cannot use \"SELECT\" (position 10): SQL statements and clauses are not"
                        + " allowed in an expression.");
        assertThat(problem(exprChart("upper(getenv('HOME'))"), 400, "QUERY_EXPRESSION_INVALID"))
                .startsWith("The expression cannot use \"getenv\" (position 7)");
        assertThat(problem(exprChart("price\u200B"), 400, "QUERY_EXPRESSION_INVALID"))
                .isEqualTo("The expression cannot use \"\\u200B\" (position 6): it is not part of the language.");
        assertThat(problem(exprChart("'a\\' OR 1=1 --'"), 400, "QUERY_EXPRESSION_INVALID"))
                .isEqualTo("The expression cannot use \"--\" (position 13): comments are not allowed.");
        assertThat(problem(exprChart("(".repeat(10_000) + "1" + ")".repeat(10_000)), 400, "QUERY_EXPRESSION_INVALID"))
                .isEqualTo("The expression is 20001 characters long; at most 10000 are allowed.");
        assertThat(problem(exprChart("(".repeat(5_000) + "1"), 400, "QUERY_EXPRESSION_INVALID"))
                .isEqualTo("The expression cannot use \"(\" (position 65): the expression is nested more than 64"
                        + " levels deep.");
        assertThat(problem(exprChart("1+".repeat(500_000) + "1"), 400, "QUERY_EXPRESSION_INVALID"))
                .isEqualTo("The expression is 1000001 characters long; at most 10000 are allowed.");
        assertThat(problem(
                        A.replace(
                                "\"field\":\"price\",\"agg\":\"sum\"",
                                "\"field\":\"sum(price) FROM rows\",\"agg\":\"expr\""),
                        400,
                        "QUERY_EXPRESSION_INVALID"))
                .isEqualTo("The expression cannot use \"FROM\" (position 12): SQL statements and clauses are not"
                        + " allowed in an expression.");
        assertThat(ok(A).size()).isEqualTo(2);
    }

    @Test
    void fieldsDescribeTheColumns() throws Exception {
        JsonNode fields = alice.getJson("/api/datasets/" + trips + "/fields");
        assertThat(fields.size()).isEqualTo(7);
        assertThat(fields.get(2).get("fid").asString()).isEqualTo("distance_km");
        assertThat(fields.get(2).get("name").asString()).isEqualTo("distance_km");
        assertThat(fields.get(2).get("semanticType").asString()).isEqualTo("quantitative");
        assertThat(fields.get(2).get("analyticType").asString()).isEqualTo("measure");
        assertThat(fields.get(1).get("semanticType").asString()).isEqualTo("nominal");
        assertThat(fields.get(1).get("analyticType").asString()).isEqualTo("dimension");
        assertThat(fields.get(6).get("semanticType").asString()).isEqualTo("temporal");
        assertThat(fields.get(6).get("analyticType").asString()).isEqualTo("dimension");
    }

    @Test
    void exampleA_sumOfPriceByPayment() throws Exception {
        // books/toys with distance >= 1: trips 1 (card 10), 3 (cash 15), 5 (card, no price), 6 (card 25)
        JsonNode rows = ok(A);
        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.get(0).get("payment").asString()).isEqualTo("card");
        assertThat(rows.get(0).get("price_sum").asDouble()).isEqualTo(35.0);
        assertThat(rows.get(1).get("payment").asString()).isEqualTo("cash");
        assertThat(rows.get(1).get("price_sum").asDouble()).isEqualTo(15.0);
    }

    @Test
    void exampleB_tablePageOfLateTrips() throws Exception {
        assertThat(ok(B.formatted(200)).size()).isZero();
        // "LATE" (20), "running late" (15), "late again" (no price, last)
        JsonNode rows = ok(B.formatted(0));
        assertThat(rows.size()).isEqualTo(3);
        assertThat(rows.get(0).get("id").asLong()).isEqualTo(2);
        assertThat(rows.get(1).get("id").asLong()).isEqualTo(3);
        assertThat(rows.get(2).get("id").asLong()).isEqualTo(5);
        assertThat(rows.get(2).get("price").isNull()).isTrue();
        assertThat(rows.get(0).get("pickup_at").asLong()).isEqualTo(1704877200000L); // 2024-01-10T09:00Z
    }

    @Test
    void exampleC_histogramOfPrice() throws Exception {
        // prices 10, 15, 20, 25, 40 and one null: bins of width 3 from 10 to 40
        JsonNode rows = ok(C);
        long total = 0;
        boolean nullBin = false;
        boolean firstBin = false;
        for (JsonNode row : rows) {
            total += row.get("gw_count_fid_sum").asLong();
            JsonNode bin = row.get("gw_b1n");
            if (bin.isNull()) {
                nullBin = true;
                assertThat(row.get("gw_count_fid_sum").asLong()).isEqualTo(1);
            } else if (bin.get(0).asDouble() == 10.0) {
                firstBin = true;
                assertThat(bin.get(1).asDouble()).isEqualTo(13.0);
                assertThat(row.get("gw_count_fid_sum").asLong()).isEqualTo(1);
            }
        }
        assertThat(rows.size()).isEqualTo(6);
        assertThat(total).isEqualTo(6);
        assertThat(nullBin).isTrue();
        assertThat(firstBin).isTrue();
    }

    @Test
    void exampleD_monthlyMeanPriceByCategory() throws Exception {
        // January: books 10, 15 (mean 12.5); toys 20 and a null (mean 20)
        JsonNode rows = ok(D);
        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.get(0).get("gw_m0nt").asLong()).isEqualTo(1704067200000L);
        assertThat(rows.get(0).get("category").asString()).isEqualTo("books");
        assertThat(rows.get(0).get("price_mean").asDouble()).isEqualTo(12.5);
        assertThat(rows.get(1).get("category").asString()).isEqualTo("toys");
        assertThat(rows.get(1).get("price_mean").asDouble()).isEqualTo(20.0);
    }

    @Test
    void hostilePayloadsAreProblemsNotErrors() throws Exception {
        problem(A.replace("\"payment\"]", "\"nope\"]"), 400, "QUERY_UNKNOWN_FIELD");
        problem(A.replace("\"payment\"]", "\"payment\\\"; DROP TABLE x; --\"]"), 400, "QUERY_UNKNOWN_FIELD");
        problem(A.replace("\"agg\":\"sum\"", "\"agg\":\"pg_sleep\""), 400, "QUERY_INVALID");
        problem(C.replace("\"op\":\"one\"", "\"op\":\"drop\""), 400, "QUERY_INVALID");
        problem("""
                {"workflow":[{"type":"transform","transform":[{"key":"x","expression":{"op":"expr","as":"x",
                  "params":[{"type":"sql","value":"(SELECT 1); DROP TABLE t"}]}}]}]}""", 400, "QUERY_EXPRESSION_INVALID");
        problem("{\"workflow\":[{\"type\":\"sql\"}]}", 400, "QUERY_INVALID");
        problem("{\"workflow\":[],\"offset\":-1}", 400, "QUERY_INVALID");
        problem("{\"workflow\":[],\"limit\":1e12}", 400, "QUERY_INVALID");
        problem("{\"workflow\":[],\"offset\":1.5}", 400, "QUERY_INVALID");
        problem("{\"workflow\":\"all\"}", 400, "MALFORMED_REQUEST");
        problem("not json", 400, "MALFORMED_REQUEST");
        problem(
                "{\"workflow\":[{\"type\":\"filter\",\"filters\":[{\"fid\":\"price\",\"rule\":{\"type\":\"range\","
                        + "\"value\":[\"1; DROP\",null]}}]}]}",
                400,
                "QUERY_INVALID");

        StringBuilder many = new StringBuilder("{\"workflow\":[{\"type\":\"filter\",\"filters\":[");
        for (int i = 0; i < 10_000; i++) {
            many.append(i == 0 ? "" : ",")
                    .append("{\"fid\":\"price\",\"rule\":{\"type\":\"range\",\"value\":[0,null]}}");
        }
        problem(many.append("]}]}").toString(), 400, "QUERY_INVALID");

        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        problem(
                "{\"workflow\":[{\"type\":\"filter\",\"filters\":[{\"fid\":\"category\",\"rule\":{\"type\":\"one of\","
                        + "\"value\":" + deep + "}}]}]}",
                400,
                "MALFORMED_REQUEST");
        problem(
                "{\"workflow\":[{\"type\":\"filter\",\"filters\":[{\"fid\":\"category\",\"rule\":{\"type\":\"one of\","
                        + "\"value\":[[[1]]]}}]}]}",
                400,
                "QUERY_INVALID");

        problem("{\"workflow\":[],\"tag\":\"" + "x".repeat(10 << 20) + "\"}", 413, "REQUEST_TOO_LARGE");
    }

    @Test
    void valuesAndPatternsAreData() throws Exception {
        JsonNode none = ok("""
                {"workflow":[{"type":"filter","filters":[{"fid":"category","rule":{"type":"one of",
                  "value":["x'); DROP TABLE datasets; --", null]}}]},{"type":"view","query":[{"op":"raw","fields":["id"]}]}]}""");
        assertThat(none.size()).isZero();
        JsonNode invalidPattern = ok("""
                {"workflow":[{"type":"filter","filters":[{"fid":"note","rule":{"type":"regexp","value":"(["}}]}]}""");
        assertThat(invalidPattern.size()).isZero();
        JsonNode all = ok("{\"workflow\":[]}");
        assertThat(all.size()).isEqualTo(6);
    }

    @Test
    void anotherUserGetsNotFound() throws Exception {
        QuarryApi mallory = user("chart-mallory");
        assertThat(mallory.get("/api/datasets/" + trips + "/fields").statusCode())
                .isEqualTo(404);
        HttpResponse<String> response = query(mallory, trips, A);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(query(alice, "nosuchdataset", A).statusCode()).isEqualTo(404);
    }

    @Test
    void aDatasetStillUploadingIsNotReady() throws Exception {
        HttpResponse<String> created = alice.send(alice.request("/api/uploads")
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "1000")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);

        HttpResponse<String> fields = alice.get("/api/datasets/" + id + "/fields");
        assertThat(fields.statusCode()).as(fields.body()).isEqualTo(409);
        HttpResponse<String> rows = query(alice, id, A);
        assertThat(rows.statusCode()).as(rows.body()).isEqualTo(409);
        assertThat(QuarryApi.JSON.readTree(rows.body()).get("code").asString()).isEqualTo("DATASET_NOT_READY");

        alice.send(alice.request("/api/uploads/" + id)
                .header("Tus-Resumable", "1.0.0")
                .DELETE()
                .build());
    }

    @Test
    void identicalConcurrentPayloadsAreComputedOnce() throws Exception {
        String payload = """
                {"workflow":[{"type":"view","query":[{"op":"aggregate","groupBy":["category"],
                 "measures":[{"field":"*","agg":"count","asFieldKey":"count"}]}]}],"tag":"concurrency"}""";
        String reordered = "{ \"tag\" : \"concurrency\", \"workflow\" : [ {\"query\":[{\"measures\":[{\"asFieldKey\":"
                + "\"count\",\"agg\":\"count\",\"field\":\"*\"}],\"groupBy\":[\"category\"],\"op\":\"aggregate\"}],"
                + "\"type\":\"view\"} ], \"unknown\": 1 }";
        long before = charts.computed();
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String body = i % 2 == 0 ? payload : reordered;
            calls.add(() -> query(alice, trips, body));
        }
        List<String> bodies = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(30)) {
            for (Future<HttpResponse<String>> future : pool.invokeAll(calls)) {
                HttpResponse<String> response = future.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                bodies.add(response.body());
            }
        }
        assertThat(charts.computed() - before).isEqualTo(1);
        assertThat(bodies).allMatch(bodies.getFirst()::equals);
        assertThat(QuarryApi.JSON.readTree(bodies.getFirst()).size()).isEqualTo(3);
    }

    @Test
    void cappedAnswersSaySo() throws Exception {
        StringBuilder csv = new StringBuilder("n\n");
        for (int i = 0; i < 50_001; i++) {
            csv.append(i).append('\n');
        }
        String big = alice.ingest("chart big", csv.toString());
        HttpResponse<String> response = query(
                alice,
                big,
                "{\"workflow\":[{\"type\":\"view\",\"query\":[{\"op\":\"raw\"," + "\"fields\":[\"*\"]}]}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(ChartController.CAPPED_HEADER)).hasValue("50000");
        assertThat(QuarryApi.JSON.readTree(response.body()).size()).isEqualTo(50_000);
        HttpResponse<String> small = query(alice, big, "{\"workflow\":[],\"limit\":10}");
        assertThat(small.headers().firstValue(ChartController.CAPPED_HEADER)).isEmpty();
    }
}
