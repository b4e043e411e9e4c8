package io.quarry.server.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/datasets/{id}/profile}: computed at ingest, owner-only, 409 until the dataset is ready. */
class ProfileApiIT extends ApiTestSupport {

    private static final String SHOPS = """
            n,city,price,day
            0,Oslo,12.50,2024-01-01
            5,Bergen,7.50,2024-01-21
            10,Oslo,,2024-01-11
            20,Tromso,2.50,2024-01-01
            """;

    @Test
    void answersEachColumnsCountsBoundsTopValuesAndHistogram() throws Exception {
        QuarryApi alice = user("alice");
        String id = alice.ingest("shops", SHOPS);

        JsonNode profile = alice.getJson("/api/datasets/" + id + "/profile");

        assertThat(profile.get("rowCount").asLong()).isEqualTo(4);
        JsonNode n = profile.get("columns").get(0);
        assertThat(n.get("name").asString()).isEqualTo("n");
        assertThat(n.get("type").asString()).isEqualTo("BIGINT");
        assertThat(n.get("nullCount").asLong()).isZero();
        assertThat(n.get("distinctCount").asLong()).isEqualTo(4);
        assertThat(n.get("distinctApproximate").asBoolean()).isFalse();
        assertThat(n.get("min").asLong()).isZero();
        assertThat(n.get("max").asLong()).isEqualTo(20);
        assertThat(n.get("mean").asDouble()).isEqualTo(8.75);
        assertThat(n.get("histogram")).hasSize(20);
        assertThat(n.get("histogram").get(5).toString()).isEqualTo("{\"lo\":5.0,\"hi\":6.0,\"count\":1}");
        assertThat(n.get("topValues")).isEmpty();

        JsonNode city = profile.get("columns").get(1);
        assertThat(city.get("topValues").toString())
                .isEqualTo("[{\"value\":\"Oslo\",\"count\":2},{\"value\":\"Bergen\",\"count\":1},"
                        + "{\"value\":\"Tromso\",\"count\":1}]");
        assertThat(city.get("min").asString()).isEqualTo("Bergen");
        assertThat(city.get("mean").isNull()).isTrue();
        assertThat(city.get("histogram")).isEmpty();

        JsonNode price = profile.get("columns").get(2);
        assertThat(price.get("type").asString()).isEqualTo("DECIMAL(4,2)");
        assertThat(price.get("nullCount").asLong()).isEqualTo(1);
        assertThat(price.get("min").decimalValue()).isEqualByComparingTo(new BigDecimal("2.50"));
        assertThat(price.get("max").decimalValue()).isEqualByComparingTo(new BigDecimal("12.50"));

        JsonNode day = profile.get("columns").get(3);
        assertThat(day.get("min").asString()).isEqualTo("2024-01-01");
        assertThat(day.get("max").asString()).isEqualTo("2024-01-21");
        assertThat(day.get("histogram").get(0).toString())
                .isEqualTo("{\"lo\":\"2024-01-01T00:00:00\",\"hi\":\"2024-01-02T00:00:00\",\"count\":2}");

        assertThat(alice.getJson("/api/datasets/" + id + "/profile")).isEqualTo(profile);
    }

    @Test
    void anotherUserGetsNotFoundAndTheAdminTheProfile() throws Exception {
        QuarryApi alice = user("alice");
        QuarryApi bob = user("bob");
        String id = alice.ingest("private shops", SHOPS);

        HttpResponse<String> answer = bob.get("/api/datasets/" + id + "/profile");

        assertThat(answer.statusCode()).isEqualTo(404);
        JsonNode problem = QuarryApi.JSON.readTree(answer.body());
        assertThat(problem.get("code").asString()).isEqualTo("DATASET_NOT_FOUND");
        assertThat(problem.get("detail").asString()).isEqualTo("There is no dataset with the id " + id + ".");
        assertThat(bob.get("/api/datasets/nosuchdataset/profile").statusCode()).isEqualTo(404);
        assertThat(admin().getJson("/api/datasets/" + id + "/profile")
                        .get("rowCount")
                        .asLong())
                .isEqualTo(4);
    }

    @Test
    void aDatasetThatIsNotReadyHasNoProfile() throws Exception {
        QuarryApi alice = user("alice");
        HttpResponse<String> upload = alice.upload("broken", "text/csv", new byte[0]);
        String id = QuarryApi.JSON.readTree(upload.body()).get("id").asString();
        assertThat(alice.awaitFinished(id).get("status").asString()).isEqualTo("failed");

        HttpResponse<String> answer = alice.get("/api/datasets/" + id + "/profile");

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(QuarryApi.JSON.readTree(answer.body()).get("code").asString())
                .isEqualTo("DATASET_NOT_READY");
    }
}
