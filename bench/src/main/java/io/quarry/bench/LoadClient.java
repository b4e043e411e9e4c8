package io.quarry.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** One user of the running server, authenticated with an API token as scripts are. */
final class LoadClient {

    /** The server accepted an upload but could not ingest it. */
    static final class IngestFailed extends IllegalStateException {
        IngestFailed(String message) {
            super(message);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient http;
    private final String base;
    private final String token;

    private LoadClient(HttpClient http, String base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    /** Logs in with a password and creates an API token in that session (sending its CSRF token). */
    static LoadClient login(HttpClient http, String base, String username, String password) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        HttpResponse<String> login = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                JSON.writeValueAsString(Map.of("username", username, "password", password))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        expect(login, 200);
        String csrf = cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no XSRF-TOKEN cookie after login"));
        HttpResponse<String> created = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/api/tokens"))
                        .header("Content-Type", "application/json")
                        .header("X-XSRF-TOKEN", csrf)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"load bench\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        expect(created, 201);
        return new LoadClient(http, base, member(created.body(), "token"));
    }

    /** Creates a plain user (as an admin) and logs in as them. */
    LoadClient createUser(String username, String password) throws Exception {
        HttpResponse<String> created =
                send(json("/api/users", JSON.writeValueAsString(Map.of("username", username, "password", password))));
        expect(created, 201);
        return login(http, base, username, password);
    }

    /** Uploads a file as the raw body and waits until its dataset is ready; answers the dataset's id. */
    String upload(String name, Path csv) throws Exception {
        HttpResponse<String> accepted =
                send(request("/api/datasets?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofFile(csv))
                        .build());
        expect(accepted, 202);
        String id = member(accepted.body(), "id");
        while (true) {
            HttpResponse<String> detail =
                    send(request("/api/datasets/" + id).GET().build());
            expect(detail, 200);
            String status = member(detail.body(), "status");
            if (status.equals("ready")) {
                return id;
            }
            if (status.equals("failed")) {
                throw new IngestFailed("the ingest of " + name + " failed: " + detail.body());
            }
            Thread.sleep(250);
        }
    }

    /** Sends one drawn request for a dataset; answers the status code (the body is read and dropped). */
    int send(String datasetId, LoadRequest.Drawn drawn) throws IOException, InterruptedException {
        String path = "/api/datasets/" + datasetId + drawn.path();
        HttpRequest request = drawn.kind() == LoadRequest.CHART
                ? json(path, drawn.body())
                : request(path).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpRequest json(String path, String body) {
        return request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ", not " + status + ": " + response.body());
        }
    }

    /** A top-level string member of a JSON object. */
    private static String member(String json, String name) {
        return JSON.readTree(json).required(name).asString();
    }
}
