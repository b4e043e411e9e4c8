package io.quarry.engine.duckdb;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.quarry.engine.CacheStatistics;
import io.quarry.engine.Column;
import io.quarry.engine.Dataset;
import io.quarry.engine.EngineError;
import io.quarry.engine.Filter;
import io.quarry.engine.FilterOp;
import io.quarry.engine.Page;
import io.quarry.engine.PageRequest;
import io.quarry.engine.QuarryException;
import io.quarry.engine.Row;
import io.quarry.engine.SortKey;
import io.quarry.engine.sql.Condition;
import io.quarry.engine.sql.FilterCompiler;
import io.quarry.engine.sql.FilterCompiler.ResolvedFilter;
import io.quarry.engine.sql.StorageSql;
import io.quarry.engine.store.RowFile;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves pages. A plain page is a slice of the row store. A sorted or filtered page is a slice of the view's order:
 * the positions of the matching rows in sort order (ties broken by position), computed once by DuckDB and cached by
 * (dataset version, filters, search, sort); the rows themselves then come from the row store, so any offset costs
 * the same. A sorted page waits for its order (a direct sorted query would cost the same full sort); a filtered but
 * unsorted page whose order takes longer than {@code orderWaitMillis} is answered by a direct query that stops at the
 * page, with its total marked as a lower bound, so a slow count never blocks it.
 */
final class PageReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PageReader.class);

    private final DuckDBConnection root;
    private final long orderWaitMillis;
    private final DuckDbSettings settings;
    private final ExecutorService workers;
    private final AsyncCache<ViewKey, int[]> orders;
    private final Cache<PageKey, Page> pages;
    private final Set<Statement> running = ConcurrentHashMap.newKeySet();

    /** What identifies a view's order: canonical column names, so equal requests share one entry. */
    record ViewKey(String version, List<Filter> filters, String search, List<SortKey> sort) {}

    private record PageKey(ViewKey view, long offset, int limit) {}

    PageReader(DuckDBConnection root, DuckDbSettings settings) {
        this.root = root;
        this.orderWaitMillis = settings.orderWaitMillis();
        this.settings = settings;
        this.workers =
                Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                    Thread thread = new Thread(r, "quarry-order");
                    thread.setDaemon(true);
                    return thread;
                });
        long orderBytes = settings.cacheBytes() / 4 * 3;
        this.orders = Caffeine.newBuilder()
                .maximumWeight(orderBytes)
                .weigher((ViewKey key, int[] order) -> 64 + order.length * Integer.BYTES)
                .executor(workers)
                .recordStats()
                .buildAsync();
        this.pages = Caffeine.newBuilder()
                .maximumWeight(settings.cacheBytes() - orderBytes)
                .weigher((PageKey key, Page page) ->
                        256 + page.rows().size() * page.columns().size() * 48)
                .recordStats()
                .build();
    }

    Page read(Dataset dataset, RowFile rows, PageRequest request) {
        if (request.isPlain()) {
            return page(dataset, rows.readRange(request.offset(), request.limit()), request, dataset.rowCount(), true);
        }
        List<SortKey> sort = new ArrayList<>();
        List<Column> sortColumns = new ArrayList<>();
        for (SortKey key : request.sort()) {
            Column column = column(dataset, key.column());
            sortColumns.add(column);
            sort.add(new SortKey(column.name(), key.descending()));
        }
        List<ResolvedFilter> resolved = new ArrayList<>();
        List<Filter> filters = new ArrayList<>();
        for (Filter filter : request.filters()) {
            Column column = column(dataset, filter.column());
            Filter canonical = new Filter(column.name(), filter.op(), filter.values(), filter.caseSensitive());
            resolved.add(new ResolvedFilter(column, canonical));
            filters.add(canonical);
        }
        String search = request.search().strip().toLowerCase(Locale.ROOT);
        String alias = DuckDbEngine.alias(dataset.id());
        Condition condition = FilterCompiler.compile(alias, resolved, search, dataset.columns());
        checkPatterns(filters);
        ViewKey view = new ViewKey(dataset.version(), filters, search, sort);
        PageKey pageKey = new PageKey(view, request.offset(), request.limit());
        Page cached = pages.getIfPresent(pageKey);
        if (cached != null) {
            return cached;
        }
        List<Column> used = new ArrayList<>(sortColumns);
        resolved.forEach(filter -> used.add(filter.column()));
        String table = StorageSql.rows(alias, dataset.columns(), used);
        CompletableFuture<int[]> order = orders.get(
                view,
                (key, executor) -> CompletableFuture.supplyAsync(
                        () -> computeOrder(table, condition, sortColumns, sort), executor));
        try {
            int[] positions = sort.isEmpty() ? order.get(orderWaitMillis, TimeUnit.MILLISECONDS) : order.get();
            int from = (int) Math.min(request.offset(), positions.length);
            int count = Math.min(request.limit(), positions.length - from);
            Page page = page(dataset, rows.readRows(positions, from, count), request, positions.length, true);
            pages.put(pageKey, page);
            return page;
        } catch (TimeoutException e) {
            int[] positions = directPage(table, condition, request);
            boolean reachedEnd = positions.length > 0 && positions.length < request.limit();
            return page(
                    dataset,
                    rows.readRows(positions, 0, positions.length),
                    request,
                    request.offset() + positions.length,
                    reachedEnd);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuarryException(EngineError.STORAGE_FAILED, "The page was interrupted.", e);
        }
    }

    private static Page page(Dataset dataset, List<Row> rows, PageRequest request, long total, boolean exact) {
        return new Page(dataset.columns(), rows, request.offset(), request.limit(), total, exact);
    }

    private int[] computeOrder(String table, Condition condition, List<Column> sortColumns, List<SortKey> sort) {
        String sql = StorageSql.selectPositions(table, condition.sql(), sortColumns, sort);
        try (DuckDBConnection connection = root.duplicate();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            Parameters.bind(statement, condition.parameters(), 1);
            running.add(statement);
            int[] positions = new int[1024];
            int count = 0;
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    if (count == positions.length) {
                        positions = Arrays.copyOf(positions, count * 2);
                    }
                    positions[count++] = (int) result.getLong(1);
                }
            } finally {
                running.remove(statement);
            }
            return Arrays.copyOf(positions, count);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * The positions of one page of a filtered view in file order, straight from DuckDB: the scan stops once the page
     * is full, so it is quick even when counting every match is not.
     */
    private int[] directPage(String table, Condition condition, PageRequest request) {
        String sql = StorageSql.selectPositions(table, condition.sql(), List.of(), List.of()) + " LIMIT ? OFFSET ?";
        try (DuckDBConnection connection = root.duplicate();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int next = Parameters.bind(statement, condition.parameters(), 1);
            statement.setInt(next, request.limit());
            statement.setLong(next + 1, request.offset());
            int[] positions = new int[request.limit()];
            int count = 0;
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    positions[count++] = (int) result.getLong(1);
                }
            }
            return Arrays.copyOf(positions, count);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Checks each regular expression with DuckDB's own engine (RE2), so a bad one is the user's error. */
    private void checkPatterns(List<Filter> filters) {
        for (Filter filter : filters) {
            if (filter.op() != FilterOp.REGEX) {
                continue;
            }
            try (DuckDBConnection connection = root.duplicate();
                    PreparedStatement statement = connection.prepareStatement("SELECT regexp_matches('', ?)")) {
                statement.setString(1, filter.values().get(0));
                statement.executeQuery().close();
            } catch (SQLException e) {
                throw new QuarryException(
                        EngineError.INVALID_FILTER, "The regular expression in a filter is not valid.", e);
            }
        }
    }

    private QuarryException failure(SQLException e) {
        if (DuckDbErrors.outOfMemory(e)) {
            return new QuarryException(
                    EngineError.QUERY_MEMORY_LIMIT,
                    "Sorting or filtering this dataset needed more memory than the server allows"
                            + " (quarry.engine.memory-limit " + settings.memoryLimit() + ", at most "
                            + settings.tempLimit() + " spilled to disk, quarry.engine.temp-limit); try again"
                            + " in a moment, sort by fewer columns, or ask an admin to raise the limits.",
                    e);
        }
        if (DuckDbErrors.interrupted(e)) {
            return DuckDbErrors.interruptedQuery(e);
        }
        return new QuarryException(EngineError.STORAGE_FAILED, "The rows could not be read.", e);
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new QuarryException(EngineError.STORAGE_FAILED, "The rows could not be read.", cause);
    }

    static Column column(Dataset dataset, String name) {
        for (Column column : dataset.columns()) {
            if (column.name().equals(name)) {
                return column;
            }
        }
        for (Column column : dataset.columns()) {
            if (column.name().equalsIgnoreCase(name)) {
                return column;
            }
        }
        throw new QuarryException(EngineError.UNKNOWN_COLUMN, "The dataset has no column named \"" + name + "\".");
    }

    /** Drops every cached entry of a dataset version. */
    void forget(String version) {
        orders.synchronous().asMap().keySet().removeIf(key -> key.version().equals(version));
        pages.asMap().keySet().removeIf(key -> key.view().version().equals(version));
    }

    List<CacheStatistics> statistics() {
        return List.of(
                statistics(
                        "orders",
                        orders.synchronous().stats(),
                        orders.synchronous().policy()),
                statistics("pages", pages.stats(), pages.policy()));
    }

    private static CacheStatistics statistics(String name, CacheStats stats, Policy<?, ?> policy) {
        Policy.Eviction<?, ?> eviction = policy.eviction().orElseThrow();
        return new CacheStatistics(
                name,
                stats.hitCount(),
                stats.missCount(),
                stats.evictionCount(),
                eviction.weightedSize().orElse(0),
                eviction.getMaximum());
    }

    /** Stops the orders still being computed, so closing the engine leaves no query running. */
    @Override
    public void close() {
        workers.shutdownNow();
        for (Statement statement : running) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                LOG.debug("An order query could not be cancelled: {}", e.getMessage());
            }
        }
    }
}
