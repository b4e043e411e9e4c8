package io.quarry.server.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.dataset.ApiTestSupport;
import io.quarry.server.dataset.QuarryApi;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Saved charts: save, list, read and delete a Graphic Walker spec per dataset, for its owner only. */
class SavedChartsIT extends ApiTestSupport {

    @Test
    void saveListReadAndDelete() throws Exception {
        QuarryApi owner = user("saved-owner");
        String id = owner.ingest("saved charts", ChartApiIT.TRIPS);
        String charts = "/api/datasets/" + id + "/charts";
        assertThat(owner.getJson(charts).size()).isZero();

        List<Map<String, Object>> spec = List.of(Map.of("visId", "v1", "name", "Chart 1", "encodings", Map.of()));
        HttpResponse<String> created = owner.send("POST", charts, Map.of("name", "Price by payment", "spec", spec));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode saved = QuarryApi.JSON.readTree(created.body());
        String chartId = saved.get("id").asString();
        assertThat(saved.get("name").asString()).isEqualTo("Price by payment");
        assertThat(saved.get("spec").get(0).get("visId").asString()).isEqualTo("v1");

        JsonNode list = owner.getJson(charts);
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).get("id").asString()).isEqualTo(chartId);
        assertThat(owner.getJson(charts + "/" + chartId)
                        .get("spec")
                        .get(0)
                        .get("name")
                        .asString())
                .isEqualTo("Chart 1");

        QuarryApi other = user("saved-other");
        assertThat(other.get(charts).statusCode()).isEqualTo(404);
        assertThat(other.get(charts + "/" + chartId).statusCode()).isEqualTo(404);
        assertThat(other.send("POST", charts, Map.of("name", "x", "spec", spec)).statusCode())
                .isEqualTo(404);
        assertThat(other.delete(charts + "/" + chartId).statusCode()).isEqualTo(404);

        assertThat(owner.send("POST", charts, Map.of("name", " ", "spec", spec)).statusCode())
                .isEqualTo(400);
        assertThat(owner.send("POST", charts, Map.of("name", "no spec")).statusCode())
                .isEqualTo(400);
        assertThat(owner.send("POST", charts, Map.of("name", "text spec", "spec", "x"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(owner.get(charts + "/..%2F..%2Fetc").statusCode()).isIn(400, 404);
        assertThat(owner.get(charts + "/aaaaaaaaaaaa").statusCode()).isEqualTo(404);

        assertThat(owner.delete(charts + "/" + chartId).statusCode()).isEqualTo(204);
        assertThat(owner.getJson(charts).size()).isZero();
        assertThat(owner.delete(charts + "/" + chartId).statusCode()).isEqualTo(404);
    }

    @Test
    void deletingADatasetDeletesItsCharts() throws Exception {
        QuarryApi owner = user("saved-owner");
        String id = owner.ingest("charts to go", ChartApiIT.TRIPS);
        String charts = "/api/datasets/" + id + "/charts";
        List<Map<String, Object>> spec = List.of(Map.of("visId", "v1", "name", "Chart 1", "encodings", Map.of()));
        assertThat(owner.send("POST", charts, Map.of("name", "kept until the dataset goes", "spec", spec))
                        .statusCode())
                .isEqualTo(201);
        assertThat(DATA_DIR.resolve("charts").resolve(id)).isDirectory();

        assertThat(owner.delete("/api/datasets/" + id).statusCode()).isEqualTo(204);

        assertThat(DATA_DIR.resolve("charts").resolve(id)).doesNotExist();
    }
}
