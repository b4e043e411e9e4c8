package io.quarry.server.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of the running server that authenticates as one user with an API token, as scripts do. */
public final class QuarryApi {

    public static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    private QuarryApi(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public String base() {
        return base;
    }

    public String token() {
        return token;
    }

    /** Logs in with a password, then creates an API token in that cookie session (with its CSRF token). */
    public static QuarryApi login(String base, String username, String password) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        HttpResponse<String> login = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                JSON.writeValueAsString(Map.of("username", username, "password", password))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String csrf = cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow();
        HttpResponse<String> created = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/api/tokens"))
                        .header("Content-Type", "application/json")
                        .header("X-XSRF-TOKEN", csrf)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"tests\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new QuarryApi(base, JSON.readTree(created.body()).get("token").asString());
    }

    /** Creates a plain user (as this admin) and logs in as them. */
    public QuarryApi createUser(String username, String password) throws Exception {
        HttpResponse<String> created = send("POST", "/api/users", Map.of("username", username, "password", password));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return login(base, username, password);
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    public JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode())
                .as("GET %s: %s", path, response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }

    public HttpResponse<String> send(String method, String path, Object json) throws Exception {
        return send(request(path)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(json)))
                .build());
    }

    public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE().build());
    }

    /** Uploads bytes as the raw body; answers the response. */
    public HttpResponse<String> upload(String name, String contentType, byte[] body) throws Exception {
        return send(request("/api/datasets?name="
                        + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    /** Uploads a CSV and waits until it is ready; answers its id. */
    public String ingest(String name, String csv) throws Exception {
        HttpResponse<String> response = upload(name, "text/csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = JSON.readTree(response.body()).get("id").asString();
        assertThat(awaitFinished(id).get("status").asString()).isEqualTo("ready");
        return id;
    }

    /** Polls a dataset until it is ready or failed. */
    public JsonNode awaitFinished(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            JsonNode detail = getJson("/api/datasets/" + id);
            String status = detail.get("status").asString();
            if (status.equals("ready") || status.equals("failed") || System.nanoTime() > deadline) {
                return detail;
            }
            Thread.sleep(50);
        }
    }

    /** One server-sent event. */
    public record Event(String name, JsonNode data) {}

    /** Reads a progress stream to its end. */
    public List<Event> progress(String id) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> response = http.send(
                request("/api/datasets/" + id + "/progress")
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<Event> events = new ArrayList<>();
        String[] name = {"message"};
        response.body().forEach(line -> {
            if (line.startsWith("event:")) {
                name[0] = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                events.add(new Event(name[0], JSON.readTree(line.substring(5).strip())));
                name[0] = "message";
            }
        });
        return events;
    }
}
