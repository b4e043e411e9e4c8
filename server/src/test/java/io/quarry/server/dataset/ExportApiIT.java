package io.quarry.server.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/datasets/{id}/export}: every row of a view as CSV, safe for spreadsheets unless asked otherwise. */
class ExportApiIT extends ApiTestSupport {

    private static final String HOSTILE = "id,note,amount,day\n"
            + "1,=HYPERLINK(\"http://evil.example\"),-5,2024-01-02\n"
            + "2,+1+1,12.50,2024-01-03\n"
            + "3,-2 text,-0.25,\n"
            + "4,@SUM(A1),0,2024-01-04\n"
            + "5,\"\ttabbed\",7,2024-01-05\n"
            + "6,plain,,2024-01-06\n";

    @Test
    void spreadsheetExportsNeutraliseFormulasInTextAndKeepNumbers() throws Exception {
        QuarryApi erin = user("erin");
        String id = erin.ingest("hostile cells", HOSTILE);

        HttpResponse<String> export = erin.get("/api/datasets/" + id + "/export");

        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(export.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("attachment", "hostile cells.csv");
        assertThat(export.body()).startsWith("\uFEFF");
        List<CSVRecord> records = parse(export.body().substring(1));
        assertThat(records.getFirst().toList()).containsExactly("id", "note", "amount", "day");
        assertThat(records.subList(1, records.size()).stream().map(r -> r.get(1)))
                .containsExactly(
                        "'=HYPERLINK(\"http://evil.example\")", "'+1+1", "'-2 text", "'@SUM(A1)", "'\ttabbed", "plain");
        assertThat(records.subList(1, records.size()).stream().map(r -> r.get(2)))
                .as("numbers are never prefixed")
                .containsExactly("-5.00", "12.50", "-0.25", "0.00", "7.00", "");
        assertThat(records.get(3).get(3)).isEmpty();
    }

    @Test
    void exactExportsKeepEveryValueAsStored() throws Exception {
        QuarryApi erin = user("erin");
        String id = erin.ingest("exact cells", HOSTILE);

        HttpResponse<String> export = erin.get("/api/datasets/" + id + "/export?spreadsheet=false");

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).doesNotStartWith("\uFEFF");
        List<CSVRecord> records = parse(export.body());
        assertThat(records.get(1).get(1)).isEqualTo("=HYPERLINK(\"http://evil.example\")");
        assertThat(records.get(5).get(1)).isEqualTo("\ttabbed");
        assertThat(records.get(2).get(3)).isEqualTo("2024-01-03");
    }

    @Test
    void aSortedFilteredViewOfManyPagesComesOutWholeAndInOrder() throws Exception {
        QuarryApi erin = user("erin");
        StringBuilder csv = new StringBuilder("id,city,price\n");
        int rows = 25_000;
        for (int i = 1; i <= rows; i++) {
            csv.append(i)
                    .append(',')
                    .append(i % 3 == 0 ? "Oslo" : "Rome")
                    .append(',')
                    .append((i * 7919) % 10_007)
                    .append('\n');
        }
        String id = erin.ingest("many pages", csv.toString());
        String filter =
                URLEncoder.encode("[{\"column\":\"city\",\"op\":\"eq\",\"value\":\"Rome\"}]", StandardCharsets.UTF_8);

        HttpResponse<String> export =
                erin.get("/api/datasets/" + id + "/export?spreadsheet=false&sort=-price,id&filter=" + filter);
        JsonNode firstPage = erin.getJson("/api/datasets/" + id + "/rows?limit=5&sort=-price,id&filter=" + filter);

        assertThat(export.statusCode()).isEqualTo(200);
        List<CSVRecord> records = parse(export.body());
        List<CSVRecord> data = records.subList(1, records.size());
        assertThat((long) data.size()).isEqualTo(firstPage.get("total").asLong());
        assertThat(data).allSatisfy(record -> assertThat(record.get(1)).isEqualTo("Rome"));
        for (int i = 0; i < 5; i++) {
            assertThat(data.get(i).get(0))
                    .isEqualTo(firstPage.get("rows").get(i).get(0).asString());
        }
        for (int i = 1; i < data.size(); i++) {
            assertThat(Long.parseLong(data.get(i).get(2)))
                    .isLessThanOrEqualTo(Long.parseLong(data.get(i - 1).get(2)));
        }
        assertThat(parse(erin.get("/api/datasets/" + id + "/export").body().substring(1)))
                .hasSize(rows + 1);
    }

    @Test
    void aBadViewOrAnotherUsersDatasetIsAProblemNotAFile() throws Exception {
        QuarryApi erin = user("erin");
        QuarryApi frank = user("frank");
        String id = erin.ingest("private export", HOSTILE);

        HttpResponse<String> unknownColumn = erin.get("/api/datasets/" + id + "/export?sort=nosuchcolumn");
        HttpResponse<String> notYours = frank.get("/api/datasets/" + id + "/export");

        assertThat(unknownColumn.statusCode()).isEqualTo(400);
        assertThat(unknownColumn.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/problem+json");
        assertThat(QuarryApi.JSON.readTree(unknownColumn.body()).get("code").asString())
                .isEqualTo("UNKNOWN_COLUMN");
        assertThat(notYours.statusCode()).isEqualTo(404);
        assertThat(notYours.body()).doesNotContain("HYPERLINK");
    }

    private static List<CSVRecord> parse(String csv) throws Exception {
        return CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
    }
}
