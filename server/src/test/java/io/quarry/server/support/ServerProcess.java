package io.quarry.server.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

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

    private static final ObjectMapper JSON = JsonMapper.builder().build();

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
        ProcessBuilder builder = QuarryProcess.builder(
                        work, List.of("serve", "--port", String.valueOf(port), "--data-dir", data.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
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

    /**
     * The server's threads that a request could leave behind: its live virtual threads, from a thread dump ({@code jcmd
     * Thread.dump_to_file}), and its platform threads from {@code /proc/<pid>/task} but for the carriers of virtual
     * threads, a pool that grows with demand up to {@code jdk.virtualThreadScheduler.parallelism} and shrinks after
     * 30 s idle.
     */
    public int threads() throws IOException, InterruptedException {
        int virtual = virtualThreads();
        int platform = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (!Files.readString(task.resolve("comm")).startsWith("ForkJoinPool-")) {
                        platform++;
                    }
                } catch (NoSuchFileException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return platform + virtual;
    }

    private int virtualThreads() throws IOException, InterruptedException {
        Path dump = Files.createTempFile(log.getParent(), "threads-", ".json");
        Files.delete(dump);
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        String.valueOf(process.pid()),
                        "Thread.dump_to_file",
                        "-format=json",
                        dump.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0 || !Files.exists(dump)) {
            jcmd.destroyForcibly();
            throw new AssertionError("jcmd could not dump the server's threads");
        }
        try {
            int virtual = 0;
            for (JsonNode container :
                    JSON.readTree(dump.toFile()).path("threadDump").path("threadContainers")) {
                for (JsonNode thread : container.path("threads")) {
                    if (thread.path("virtual").asBoolean(false)) {
                        virtual++;
                    }
                }
            }
            return virtual;
        } finally {
            Files.delete(dump);
        }
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
