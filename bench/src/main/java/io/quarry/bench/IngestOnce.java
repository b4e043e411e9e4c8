package io.quarry.bench;

import io.quarry.engine.IngestListener;
import io.quarry.engine.IngestPhase;
import io.quarry.engine.IngestRequest;
import io.quarry.engine.IngestResult;
import io.quarry.engine.duckdb.DuckDbEngine;
import io.quarry.engine.duckdb.DuckDbSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingests one file once and prints a {@link Measurement} as one JSON line; {@link IngestBench} runs it in a fresh
 * JVM per run so that the peak RSS is this ingest's alone.
 *
 * <p>Usage: {@code IngestOnce quarry|duckdb FILE DATA_DIR MEMORY_LIMIT THREADS}
 */
public final class IngestOnce {

    private IngestOnce() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: IngestOnce quarry|duckdb FILE DATA_DIR MEMORY_LIMIT THREADS");
            System.exit(2);
        }
        Contender contender = Contender.of(args[0]);
        Path file = Path.of(args[1]);
        Path dataDir = Files.createDirectories(Path.of(args[2]));
        String memoryLimit = args[3];
        int threads = Integer.parseInt(args[4]);
        Measurement measurement = switch (contender) {
            case QUARRY -> ingestWithQuarry(file, dataDir, new DuckDbSettings(memoryLimit, threads));
            case DUCKDB -> ingestWithDuckDb(file, dataDir, memoryLimit, threads);
        };
        System.out.println(measurement.toJson());
    }

    static Measurement ingestWithQuarry(Path file, Path dataDir, DuckDbSettings settings) {
        long rows;
        long rejected;
        double seconds;
        double profileSeconds;
        AtomicLong profileStart = new AtomicLong();
        IngestListener listener = progress -> {
            if (progress.phase() == IngestPhase.PROFILE) {
                profileStart.compareAndSet(0, System.nanoTime());
            }
        };
        try (DuckDbEngine engine = DuckDbEngine.open(dataDir, settings)) {
            long start = System.nanoTime();
            IngestResult result = engine.ingest(IngestRequest.of(file, "trips"), listener);
            long end = System.nanoTime();
            seconds = (end - start) / 1e9;
            profileSeconds = profileStart.get() == 0 ? 0 : (end - profileStart.get()) / 1e9;
            rows = result.dataset().rowCount();
            rejected = result.dataset().rejectedCount();
        }
        return new Measurement(seconds, rows, rejected, PeakRss.megabytes(), profileSeconds);
    }

    static Measurement ingestWithDuckDb(Path file, Path dataDir, String memoryLimit, int threads) throws SQLException {
        String url = "jdbc:duckdb:" + dataDir.resolve("plain.duckdb").toAbsolutePath();
        long rows;
        double seconds;
        double profileSeconds;
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("SET memory_limit = " + literal(memoryLimit));
            if (threads > 0) {
                statement.execute("SET threads = " + threads);
            }
            long start = System.nanoTime();
            statement.execute("CREATE TABLE t AS SELECT * FROM read_csv(" + literal(file.toAbsolutePath() + "") + ")");
            seconds = (System.nanoTime() - start) / 1e9;
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM t")) {
                count.next();
                rows = count.getLong(1);
            }
            long summarize = System.nanoTime();
            try (ResultSet summary = statement.executeQuery("SUMMARIZE t")) {
                while (summary.next()) {
                    // every column's summary is read, as a client would
                }
            }
            profileSeconds = (System.nanoTime() - summarize) / 1e9;
        }
        return new Measurement(seconds, rows, 0, PeakRss.megabytes(), profileSeconds);
    }

    /** A SQL string literal; the values come from this benchmark's own command line. */
    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
