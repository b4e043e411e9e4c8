package io.quarry.server.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server of the machine's own installation (Debian's {@code postgresql} package, which
 * {@code .ci/run} installs), started in a fresh cluster on a free loopback port and thrown away afterwards. PostgreSQL
 * refuses to run as root, so under root the cluster belongs to the {@code postgres} user and its programs run through
 * {@code runuser}.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "quarry";
    private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");

    private final Path bin;
    private final Path cluster;
    private final Path root;
    private final int port;
    private final boolean asRoot;

    private LocalPostgres(Path bin, Path root, int port, boolean asRoot) {
        this.bin = bin;
        this.root = root;
        this.cluster = root.resolve("cluster");
        this.port = port;
        this.asRoot = asRoot;
    }

    /** Creates and starts a cluster with the superuser {@value #USER} (trust authentication, loopback only). */
    public static LocalPostgres start() throws Exception {
        Path bin = newestBin();
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        Path root = Files.createTempDirectory("quarry-pg-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (asRoot) {
            UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(root, users.lookupPrincipalByName("postgres"));
        }
        LocalPostgres postgres = new LocalPostgres(bin, root, freePort(), asRoot);
        postgres.exec(
                "initdb", "-D", postgres.cluster.toString(), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-sync");
        postgres.exec(
                "pg_ctl",
                "-D",
                postgres.cluster.toString(),
                "-l",
                root.resolve("server.log").toString(),
                "-o",
                "-p " + postgres.port + " -k " + root + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "-w",
                "start");
        return postgres;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    @Override
    public void close() throws Exception {
        try {
            exec("pg_ctl", "-D", cluster.toString(), "-m", "immediate", "-w", "stop");
        } finally {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private void exec(String program, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (asRoot) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("quarry-pg-", ".txt");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(Path.of("/").toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " failed:\n" + Files.readString(out));
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Path newestBin() throws IOException {
        if (!Files.isDirectory(INSTALLATIONS)) {
            throw new IllegalStateException("PostgreSQL is not installed under " + INSTALLATIONS
                    + "; install Debian's postgresql package (.ci/run does)");
        }
        try (Stream<Path> versions = Files.list(INSTALLATIONS)) {
            return versions.filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
                    .max(Comparator.comparing(version ->
                            Integer.parseInt(version.getFileName().toString().replaceAll("\\D", "0"))))
                    .map(version -> version.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no initdb under " + INSTALLATIONS));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
