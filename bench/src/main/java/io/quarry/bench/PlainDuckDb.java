package io.quarry.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The read bench's baseline: an in-memory DuckDB of its own ({@code jdbc:duckdb:}) with the same memory limit and
 * threads as the engine, the dataset's file attached read-only as {@code d}.
 */
final class PlainDuckDb implements AutoCloseable {

    private final Connection connection;

    private PlainDuckDb(Connection connection) {
        this.connection = connection;
    }

    static PlainDuckDb open(Path database, String memoryLimit, int threads) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET memory_limit = " + literal(memoryLimit));
            if (threads > 0) {
                statement.execute("SET threads = " + threads);
            }
            statement.execute("ATTACH " + literal(database.toAbsolutePath().toString()) + " AS d (READ_ONLY)");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new PlainDuckDb(connection);
    }

    /** Runs a query and reads every value of every row with getObject; answers the number of rows. */
    long rows(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters);
                ResultSet result = statement.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            long rows = 0;
            long touched = 0;
            while (result.next()) {
                for (int column = 1; column <= columns; column++) {
                    if (result.getObject(column) != null) {
                        touched++;
                    }
                }
                rows++;
            }
            return touched >= 0 ? rows : -1; // uses touched, so the reads cannot be optimised away
        }
    }

    /** The first column of the first row of a query answering one value. */
    Object value(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters);
                ResultSet result = statement.executeQuery()) {
            if (!result.next()) {
                throw new SQLException("no row: " + sql);
            }
            return result.getObject(1);
        }
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /** A SQL string literal; the values come from this benchmark's own command line and data dir. */
    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
