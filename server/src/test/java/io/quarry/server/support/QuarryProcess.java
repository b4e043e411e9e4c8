package io.quarry.server.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code target/quarry.jar} as a child process, the way the launcher does. */
public final class QuarryProcess {

    public static final Path JAR = Path.of("target/quarry.jar").toAbsolutePath();

    private QuarryProcess() {}

    public record Result(int exitCode, String out, String err) {
        public List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    public static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-XX:+UseZGC");
        command.add("-Xmx512m");
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(args);
        return command;
    }

    public static ProcessBuilder builder(Path workDir, List<String> args) {
        ProcessBuilder builder = new ProcessBuilder(command(args)).directory(workDir.toFile());
        builder.environment().remove("QUARRY_DATA_DIR");
        builder.environment().remove("QUARRY_ENGINE_MEMORY_LIMIT");
        builder.environment().remove("QUARRY_ENGINE_THREADS");
        return builder;
    }

    public static Result run(Path workDir, byte[] stdin, String... args) throws IOException, InterruptedException {
        return run(workDir, Map.of(), stdin, args);
    }

    /** Runs one command of the jar to its end, with extra environment variables. */
    public static Result run(Path workDir, Map<String, String> environment, byte[] stdin, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "out-", ".txt");
        Path err = Files.createTempFile(workDir, "err-", ".txt");
        Path in = Files.createTempFile(workDir, "in-", ".txt");
        Files.write(in, stdin);
        try {
            ProcessBuilder builder = builder(workDir, List.of(args));
            builder.environment().putAll(environment);
            Process process = builder.redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("quarry " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            Files.deleteIfExists(in);
        }
    }

    public static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        return run(workDir, new byte[0], args);
    }
}
