package io.quarry.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The load bench's request mix, one user's step at a time: each kind has Quarry's HTTP request and the plain DuckDB
 * SQL that does the same work on the dataset's own DuckDB file (columns {@code c0..c13}: category c3, city c4, note
 * c5, price c6, payment c13; the text columns a search looks at are c3, c4, c5 and c13).
 */
enum LoadRequest {
    PAGE,
    SORTED_PAGE,
    FILTERED_PAGE,
    SEARCH,
    CHART;

    static final int LIMIT = 100;
    private static final List<String> PAYMENTS = List.of("card", "cash", "wallet", "voucher", "invoice");
    private static final List<String> WORDS = List.of("late", "thanks", "door", "gate", "neighbour", "express");
    private static final String CHART_PAYLOAD = """
            {"workflow":[{"type":"filter","filters":[{"fid":"price","rule":{"type":"range","value":[%d,null]}}]},\
            {"type":"view","query":[{"op":"aggregate","groupBy":["category"],\
            "measures":[{"field":"price","agg":"sum","asFieldKey":"price_sum"}]}]}]}""";

    /** One drawn request: the parameters both contenders use. */
    record Drawn(LoadRequest kind, long offset, String value, int minPrice) {

        /** The path (and query) of Quarry's request, below {@code /api/datasets/<id>}. */
        String path() {
            return switch (kind) {
                case PAGE -> "/rows?offset=" + offset + "&limit=" + LIMIT;
                case SORTED_PAGE -> "/rows?sort=-price&offset=" + offset + "&limit=" + LIMIT;
                case FILTERED_PAGE ->
                    "/rows?limit=" + LIMIT + "&filter="
                            + encode("[{\"column\":\"payment\",\"op\":\"eq\",\"value\":\"" + value + "\"}]");
                case SEARCH -> "/rows?limit=" + LIMIT + "&search=" + encode(value);
                case CHART -> "/query";
            };
        }

        /** The body of a chart query; empty for the others, which are GETs. */
        String body() {
            return kind == CHART ? String.format(Locale.ROOT, CHART_PAYLOAD, minPrice) : "";
        }

        /** The same work as plain SQL on the dataset attached as {@code alias}, with {@link #parameters()}. */
        List<String> sql(String alias) {
            String rows = alias + ".rows";
            String search = "(c3 ILIKE ? OR c4 ILIKE ? OR c5 ILIKE ? OR c13 ILIKE ?)";
            return switch (kind) {
                case PAGE -> List.of("SELECT rowid, * FROM " + rows + " LIMIT " + LIMIT + " OFFSET " + offset);
                case SORTED_PAGE ->
                    List.of("SELECT rowid, * FROM " + rows + " ORDER BY c6 DESC NULLS LAST, rowid LIMIT " + LIMIT
                            + " OFFSET " + offset);
                case FILTERED_PAGE ->
                    List.of(
                            "SELECT rowid, * FROM " + rows + " WHERE c13 = ? LIMIT " + LIMIT,
                            "SELECT count(*) FROM " + rows + " WHERE c13 = ?");
                case SEARCH ->
                    List.of(
                            "SELECT rowid, * FROM " + rows + " WHERE " + search + " LIMIT " + LIMIT,
                            "SELECT count(*) FROM " + rows + " WHERE " + search);
                case CHART -> List.of("SELECT c3, sum(c6) FROM " + rows + " WHERE c6 >= ? GROUP BY c3");
            };
        }

        /** The bound parameters of each statement of {@link #sql(String)}. */
        List<Object> parameters() {
            return switch (kind) {
                case PAGE, SORTED_PAGE -> List.of();
                case FILTERED_PAGE -> List.of(value);
                case SEARCH -> List.of("%" + value + "%", "%" + value + "%", "%" + value + "%", "%" + value + "%");
                case CHART -> List.of(minPrice);
            };
        }
    }

    /** A request of a kind drawn in turn (page, sorted, filtered, search, chart, page, ...), with random values. */
    static Drawn draw(long step, long rows, RandomGenerator random) {
        LoadRequest kind = values()[(int) (step % values().length)];
        long offset = random.nextLong(Math.max(1, rows - LIMIT));
        String value = kind == SEARCH
                ? WORDS.get(random.nextInt(WORDS.size()))
                : PAYMENTS.get(random.nextInt(PAYMENTS.size()));
        return new Drawn(kind, offset, value, random.nextInt(100));
    }

    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
