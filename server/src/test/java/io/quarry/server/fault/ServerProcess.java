package io.quarry.server.fault;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real {@code target/quarry.jar} serving on a free port as a separate process, so a test can kill it, count its
 * threads and open files in {@code /proc}, or give it a data directory of its own (a small tmpfs).
 */
final class ServerProcess implements AutoCloseable {

    static final String ADMIN_PASSWORD = "crash-admin-password-1";
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code quarry serve} on {@code data} and waits until its health is UP.
     *
     * @param settings extra environment, e.g. {@code QUARRY_UPLOAD_MINFREESPACE}
     */
    static ServerProcess start(Path work, Path data, Map<String, String> settings) throws Exception {
        int port = freePort();
        Path log = Files.createTempFile(work, "serve-", ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-jar"));
        command.add(Path.of("target/quarry.jar").toAbsolutePath().toString());
        command.addAll(List.of("serve", "--port", String.valueOf(port), "--data-dir", data.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("QUARRY_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().putAll(settings);
        ServerProcess server = new ServerProcess(builder.start(), port, log);
        try {
            server.awaitHealthUp();
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Kills the server with SIGKILL and waits for it to go. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** The server's live threads, from {@code /proc/<pid>/task}. */
    int threads() throws IOException {
        return count(Path.of("/proc", String.valueOf(process.pid()), "task"));
    }

    /** The server's open file descriptors (files, sockets, pipes), from {@code /proc/<pid>/fd}. */
    int openFiles() throws IOException {
        return count(Path.of("/proc", String.valueOf(process.pid()), "fd"));
    }

    /** The last lines of the server's log, for a failure message. */
    String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private void awaitHealthUp() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("quarry serve exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"")) {
                    return;
                }
            } catch (ConnectException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("health not UP within " + STARTUP.toSeconds() + " s:\n" + logTail());
    }

    private static int count(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return (int) entries.count();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
