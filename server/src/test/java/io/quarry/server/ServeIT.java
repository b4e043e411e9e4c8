package io.quarry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quarry serve} from the real jar: health goes UP and {@code /} serves the web app. */
class ServeIT {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void servesHealthAndTheWebApp(@TempDir Path work) throws Exception {
        int port = freePort();
        Path log = work.resolve("serve.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-jar"));
        command.add(Path.of("target/quarry.jar").toAbsolutePath().toString());
        command.addAll(List.of(
                "serve",
                "--port",
                String.valueOf(port),
                "--data-dir",
                work.resolve("data").toString()));
        Process process = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitHealthUp(base + "/actuator/health", process, log);

            HttpResponse<String> index = get(base + "/");
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.body()).contains("<title>Quarry</title>", "<div id=\"root\">");
            HttpResponse<String> appRoute = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/datasets"))
                            .header("Accept", "text/html")
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(appRoute.body()).contains("<div id=\"root\">");
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private void awaitHealthUp(String url, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("quarry serve exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try {
                HttpResponse<String> health = get(url);
                if (health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"")) {
                    return;
                }
            } catch (ConnectException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("health not UP within " + STARTUP.toSeconds() + " s:\n" + tail(log));
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
