package io.quarry.server.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real jar ({@code target/quarry.jar}) as a separate process: {@code quarry serve} on a free port until its
 * health is UP (with the admin password {@link #ADMIN_PASSWORD} unless the environment sets another), or one command
 * run to its end. Output goes to a log file under the work directory.
 */
public final class ServerProcess implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "process-admin-password-1";
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final int port;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code quarry serve --port <free> --data-dir <data>} with extra environment, and waits for health UP. */
    public static ServerProcess serve(Path work, Path data, Map<String, String> environment) throws Exception {
        int port = freePort();
        Path log = Files.createTempFile(work, "serve-", ".log");
        ProcessBuilder builder = new ProcessBuilder(
                        command("serve", "--port", String.valueOf(port), "--data-dir", data.toString()))
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("QUARRY_DATA_DIR");
        builder.environment().put("QUARRY_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().putAll(environment);
        ServerProcess server = new ServerProcess(builder.start(), log, port);
        try {
            server.awaitHealthUp();
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Runs one command of the jar to its end: its exit code, then what it printed on stdout and stderr. */
    public static String run(Path work, Map<String, String> environment, String stdin, String... args)
            throws Exception {
        Path out = Files.createTempFile(work, "command-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command(args))
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().remove("QUARRY_DATA_DIR");
        builder.environment().putAll(environment);
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("quarry " + String.join(" ", args) + " did not end:\n" + Files.readString(out));
        }
        return "exit " + process.exitValue() + "\n" + Files.readString(out);
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** The last 40 lines of the server's output, for failure messages. */
    public String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Kills the server with SIGKILL, as a crash would, and waits for it to go. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** The server's live threads, from {@code /proc/<pid>/task}. */
    public int threads() throws IOException {
        return count(Path.of("/proc", String.valueOf(process.pid()), "task"));
    }

    /** The server's open file descriptors (files, sockets, pipes), from {@code /proc/<pid>/fd}. */
    public int openFiles() throws IOException {
        return count(Path.of("/proc", String.valueOf(process.pid()), "fd"));
    }

    /** Ends the server quickly (tests keep nothing that needs a graceful stop). */
    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private static int count(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return (int) entries.count();
        }
    }

    private void awaitHealthUp() throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("quarry serve exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<String> health = HTTP.send(
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

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-jar"));
        command.add(Path.of("target/quarry.jar").toAbsolutePath().toString());
        command.addAll(List.of(args));
        return command;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
