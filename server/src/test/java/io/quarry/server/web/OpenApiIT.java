package io.quarry.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.auth.ServerTestSupport;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The API describes itself at /api/openapi.json, to anyone: its shape is no secret, its data is. */
class OpenApiIT extends ServerTestSupport {

    @Test
    void servesTheOpenApiDescriptionOfEveryFeature() {
        HttpResponse<String> response = anonymous().get("/api/openapi.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"openapi\"")
                .contains("/api/auth/login", "/api/tokens", "/api/users", "/api/datasets", "/api/datasets/{id}/rows");
    }
}
