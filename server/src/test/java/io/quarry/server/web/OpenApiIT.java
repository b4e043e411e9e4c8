package io.quarry.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.auth.ApiClient;
import io.quarry.server.auth.ServerTestSupport;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The API describes itself at /api/openapi.json and shows that in a docs UI at /api/docs, to anyone: its shape is no
 * secret, its data is. The UI comes from the jar and is told to call no validator elsewhere.
 */
class OpenApiIT extends ServerTestSupport {

    @Test
    void servesTheOpenApiDescriptionOfEveryFeature() {
        HttpResponse<String> response = anonymous().get("/api/openapi.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"openapi\"")
                .contains(
                        "/api/auth/login",
                        "/api/tokens",
                        "/api/users",
                        "/api/datasets",
                        "/api/datasets/{id}/rows",
                        "/api/datasets/{id}/export");
        JsonNode description = ApiClient.json(response);
        assertThat(description.get("info").get("title").asString()).isEqualTo("Quarry API");
        assertThat(description
                        .get("components")
                        .get("securitySchemes")
                        .get("apiToken")
                        .get("scheme")
                        .asString())
                .isEqualTo("bearer");
    }

    @Test
    void servesTheDocsUiFromTheJarWithoutAnOutsideValidator() {
        ApiClient anonymous = anonymous();
        HttpResponse<String> entry = anonymous.get("/api/docs");
        String location = entry.headers().firstValue("Location").orElse("");
        HttpResponse<String> page = anonymous.get("/api/swagger-ui/index.html");
        HttpResponse<String> config = anonymous.get("/api/openapi.json/swagger-config");
        HttpResponse<String> initializer = anonymous.get("/api/swagger-ui/swagger-initializer.js");

        assertThat(entry.statusCode()).isEqualTo(302);
        assertThat(location).endsWith("/api/swagger-ui/index.html");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(config.statusCode()).isEqualTo(200);
        JsonNode settings = ApiClient.json(config);
        assertThat(settings.get("url").asString()).isEqualTo("/api/openapi.json");
        assertThat(settings.path("validatorUrl").asString("")).isIn("", "none");
        assertThat(initializer.statusCode()).isEqualTo(200);
        assertThat(initializer.body()).as("no other host is named").doesNotContain("http://", "https://");
    }
}
