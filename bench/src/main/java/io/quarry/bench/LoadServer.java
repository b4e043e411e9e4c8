package io.quarry.bench;

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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real server jar as a child process ({@code java -XX:+UseZGC -Xmx512m -jar quarry.jar serve}, as the launcher runs it) on a
 * free port, with its resident set size sampled from {@code /proc/<pid>/status} every 250 ms.
 */
final class LoadServer implements AutoCloseable {

    static final String ADMIN_PASSWORD = "load-bench-admin-1";
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final Process process;
    private final int port;
    private final Path log;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rss-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong peakSampledKb = new AtomicLong();

    private LoadServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        sampler.scheduleAtFixedRate(
                () -> peakSampledKb.accumulateAndGet(statusKb("VmRSS:"), Math::max), 0, 250, TimeUnit.MILLISECONDS);
    }

    static LoadServer start(Path jar, Path dataDir, String memoryLimit, int threads) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseZGC",
                "-Xmx512m",
                "-jar",
                jar.toAbsolutePath().toString(),
                "serve",
                "--port",
                String.valueOf(port),
                "--data-dir",
                dataDir.toAbsolutePath().toString(),
                "--memory-limit",
                memoryLimit,
                "--threads",
                String.valueOf(threads)));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARRY_ADMIN_PASSWORD", ADMIN_PASSWORD);
        LoadServer server = new LoadServer(builder.start(), port, log);
        server.awaitHealthUp();
        return server;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** The current resident set size, in MiB. */
    double rssMb() {
        return statusKb("VmRSS:") / 1024.0;
    }

    /** The peak resident set size since start (the kernel's VmHWM), in MiB. */
    double peakRssMb() {
        return Math.max(statusKb("VmHWM:"), peakSampledKb.get()) / 1024.0;
    }

    private long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(
                            line.substring(field.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private void awaitHealthUp() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("quarry serve exited with " + process.exitValue() + "; see " + log);
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
        throw new IllegalStateException("quarry serve was not up within " + STARTUP.toSeconds() + " s; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        sampler.shutdownNow();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
