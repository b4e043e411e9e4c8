package io.quarry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs {@link IngestOnce} in a fresh JVM with this JVM's java and class path. */
final class ChildJvm {

    private static final int FAILURE_LINES = 15;

    private final String java;
    private final String classPath;
    private final long timeoutSeconds;

    ChildJvm(String java, String classPath, long timeoutSeconds) {
        this.java = java;
        this.classPath = classPath;
        this.timeoutSeconds = timeoutSeconds;
    }

    static ChildJvm likeThisOne(long timeoutSeconds) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ChildJvm(java, System.getProperty("java.class.path"), timeoutSeconds);
    }

    /** Ingests {@code file} into {@code dataDir}, which must not exist yet; output goes to {@code log}. */
    RunResult ingest(Contender contender, Path file, Path dataDir, Path log, String memoryLimit, int threads)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx256m",
                "--enable-native-access=ALL-UNNAMED",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                classPath,
                IngestOnce.class.getName(),
                contender.label(),
                file.toAbsolutePath().toString(),
                dataDir.toAbsolutePath().toString(),
                memoryLimit,
                Integer.toString(threads)));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        List<String> lines = Files.readAllLines(log);
        if (!finished) {
            return failed(contender, wallSeconds, "killed after " + timeoutSeconds + " s", lines);
        }
        if (process.exitValue() != 0) {
            return failed(contender, wallSeconds, "exit code " + process.exitValue(), lines);
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("{")) {
                return new RunResult(contender, wallSeconds, Optional.of(Measurement.parse(lines.get(i))), "");
            }
        }
        return failed(contender, wallSeconds, "no measurement printed", lines);
    }

    private static RunResult failed(Contender contender, double wallSeconds, String why, List<String> lines) {
        List<String> shown = new ArrayList<>();
        int tailStart = Math.max(0, lines.size() - FAILURE_LINES);
        lines.subList(0, tailStart).stream()
                .filter(line -> line.startsWith("Exception in thread"))
                .findFirst()
                .ifPresent(headline -> shown.addAll(List.of(headline, "...")));
        shown.addAll(lines.subList(tailStart, lines.size()));
        String failure = why + (shown.isEmpty() ? "" : ":\n    " + String.join("\n    ", shown));
        return new RunResult(contender, wallSeconds, Optional.empty(), failure);
    }
}
