package io.quarry.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.auth.ApiClient;
import io.quarry.server.auth.ServerTestSupport;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every source of errors answers the same problem+json shape; 401, 403 and 429 are asserted in the auth ITs. */
class ProblemsIT extends ServerTestSupport {

    @Test
    void unknownApiRouteIsA404Problem() {
        assertProblem(
                admin().get("/api/no-such-thing"),
                404,
                "ROUTE_NOT_FOUND",
                "No such route",
                "No route matches GET /api/no-such-thing.",
                "/api/no-such-thing");
    }

    @Test
    void unknownRouteOfAnAnonymousCallerIsA401NotALeak() {
        assertThat(anonymous().get("/api/no-such-thing").statusCode()).isEqualTo(401);
    }

    @Test
    void wrongMethodIsA405Problem() {
        HttpResponse<String> response = admin().delete("/api/auth/me");

        assertProblem(
                response,
                405,
                "METHOD_NOT_ALLOWED",
                "Method not allowed",
                "DELETE is not allowed on /api/auth/me. Allowed: GET.",
                "/api/auth/me");
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void malformedJsonIsA400Problem() {
        assertProblem(
                admin().post("/api/tokens", "{\"name\": "),
                400,
                "MALFORMED_REQUEST",
                "Malformed request body",
                "The request body could not be read: it must be JSON with fields of the right types.",
                "/api/tokens");
    }

    @Test
    void aMissingFieldIsA400Problem() {
        assertProblem(
                anonymous().post("/api/auth/login", Map.of("username", "admin")),
                400,
                "INVALID_REQUEST",
                "Invalid request",
                "The field password is required.",
                "/api/auth/login");
    }

    @Test
    void aPathVariableOfTheWrongTypeIsA400Problem() {
        assertProblem(
                admin().get("/api/users/abc"),
                400,
                "INVALID_REQUEST",
                "Invalid request",
                "The parameter id has a value of the wrong type (expected a number).",
                "/api/users/abc");
    }

    @Test
    void anUnexpectedExceptionIsA500ProblemWithTheRequestIdOnly() {
        HttpResponse<String> response = admin().get("/api/test/failure");

        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(requestId).matches("[0-9a-f]{12}");
        assertProblem(
                response,
                500,
                "INTERNAL_ERROR",
                "Internal error",
                "Internal error (request id " + requestId + ").",
                "/api/test/failure");
        assertThat(response.body()).doesNotContain("/etc/quarry").doesNotContain("IllegalStateException");
    }

    @Test
    void aQuarryExceptionGetsTheStatusOfItsKindAndItsOwnDetail() {
        assertProblem(
                admin().get("/api/test/engine-error"),
                422,
                "CSV_NOT_TEXT",
                "The file is not text",
                "The file looks like a spreadsheet, not CSV.",
                "/api/test/engine-error");
    }

    @Test
    void anInternalQuarryExceptionHidesItsDetail() {
        HttpResponse<String> response = admin().get("/api/test/storage-error");

        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertProblem(
                response,
                500,
                "STORAGE_FAILED",
                "Storage failure",
                "Internal error (request id " + requestId + ").",
                "/api/test/storage-error");
    }

    @Test
    void aMultipartSizeLimitIsA413Problem() {
        assertProblem(
                admin().get("/api/test/too-large"),
                413,
                "REQUEST_TOO_LARGE",
                "Request too large",
                "The request is larger than this server accepts; send a smaller file, or an upload in parts.",
                "/api/test/too-large");
    }

    @Test
    void errorsOutsideSpringMvcGoThroughTheProblemErrorPage() {
        // Spring Security's firewall rejects a semicolon in the path before any controller, with sendError(400)
        HttpResponse<String> response = anonymous().get("/api/auth/me;param=1");

        assertProblem(
                response,
                400,
                "INVALID_REQUEST",
                "Invalid request",
                "The request could not be handled: check its URL, headers and body.",
                "/api/auth/me;param=1");
    }

    @Test
    void aRequestTomcatCannotParseIsA400ProblemNotAnHtmlPage() throws IOException {
        String response;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream()
                    .write("GET /api/datasets HTTP/1.1\r\nHost: x\r\nNot a header\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(response).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(response.substring(response.indexOf('{')))
                .contains("\"code\":\"INVALID_REQUEST\"")
                .contains("\"detail\":\"" + ProblemErrorReportValve.DETAIL + "\"")
                .doesNotContain("<html");
    }

    @Test
    void theErrorPageItselfIsA404Problem() {
        assertProblem(
                anonymous().get("/error"),
                404,
                "ROUTE_NOT_FOUND",
                "No such route",
                "No route matches /error.",
                "/error");
    }

    @Test
    void everyAnswerCarriesARequestId() {
        HttpResponse<String> response = anonymous().get("/actuator/health");

        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void spaRoutesForwardToTheIndexPageButApiRoutesDoNot() {
        ApiClient browser = anonymous();

        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base() + "/datasets/42"))
                .header("Accept", "text/html,application/xhtml+xml")
                .GET());
        HttpResponse<String> file = browser.send(HttpRequest.newBuilder(URI.create(base() + "/no-such-file.js"))
                .header("Accept", "text/html")
                .GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Quarry</title>");
        assertThat(file.statusCode()).isEqualTo(404);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
