package io.quarry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.dataset.QuarryApi;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The chart builder end to end in headless Chromium, against the real server on a random port: a CSV of sales
 * (category, price) is uploaded through the API with the admin's session, its Chart tab opened, and a bar chart of
 * the sum of price by category built by dragging the fields onto Graphic Walker's X-Axis and Y-Axis shelves with the
 * mouse. The bars Graphic Walker was given (the answers to its POSTs to {@code /query}, recorded by a fetch wrapper
 * put into the page before the tab opens) must be the sums computed here from the same rows, the chart must be
 * drawn, and every request of the page must go to the server.
 *
 * <p>Graphic Walker renders in a shadow root: its elements are found with a JS walk over shadow roots. Needs
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, like {@link WebAppIT}; skipped without them, or with
 * {@code -De2e.skip=true}.
 */
class ChartBuilderIT extends GraphicWalkerTestSupport {

    private static final String ADMIN_PASSWORD = "admin-password-chart-e2e";
    private static final Path DATA_DIR = createDataDir("chart-it-");
    private static final int ROWS = 2_000;
    private static final String[] CATEGORIES = {"books", "garden", "music", "sports", "toys"};

    /**
     * Wraps window.fetch: each POST to a dataset's /query is kept in window.__chartQueries with its request body,
     * status and answer, so the test sees exactly what Graphic Walker was given.
     */
    private static final String RECORD_QUERIES = "if (!window.__chartQueries) { window.__chartQueries = [];"
            + " const original = window.fetch;"
            + " window.fetch = async (input, init) => {"
            + "  const url = typeof input === 'string' ? input : input.url;"
            + "  const response = await original(input, init);"
            + "  if (/\\/api\\/datasets\\/[^/]+\\/query$/.test(new URL(url, location.href).pathname)) {"
            + "   const entry = {url, body: init && init.body ? String(init.body) : '', status: response.status};"
            + "   window.__chartQueries.push(entry);"
            + "   response.clone().text().then(t => { entry.answer = t; }, e => { entry.answer = 'error ' + e; });"
            + "  }"
            + "  return response; }; }";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("quarry.data-dir", DATA_DIR::toString);
        registry.add("quarry.admin.password", () -> ADMIN_PASSWORD);
    }

    @Test
    void dragCategoryAndPriceOntoTheShelvesAndCheckTheBars() throws Exception {
        withChartArtifacts(() -> {
            signInIfAsked("admin", ADMIN_PASSWORD);
            Sales sales = Sales.generate(ROWS);
            JsonNode accepted = post("/api/datasets?name=sales.csv", sales.csv());
            String id = accepted.get("id").asString();
            assertThat(id).isNotBlank();
            waitFor(
                    d -> api("/api/datasets/" + id).get("status").asString().equals("ready"),
                    30,
                    () -> "dataset " + id);
            buildTheBarChart(id, sales.sums());
        });
    }

    /**
     * A measurement, not run by default: with {@code -De2e.chart.file=FILE} (e.g. the 100 MB bench file from the
     * bench module's {@code TripCsvGenerator --size 100MB --out FILE}, or any CSV with {@code category} and
     * {@code price} columns) it uploads that file through the API, builds the same bar chart on it by drag and drop,
     * checks the bars against sums computed here from the file (commons-csv, BigDecimal), and prints how long the
     * chart took to come back.
     */
    @Test
    @EnabledIfSystemProperty(named = "e2e.chart.file", matches = ".+")
    void buildTheBarChartOnABigFile() throws Exception {
        withChartArtifacts(() -> {
            Path file = Path.of(System.getProperty("e2e.chart.file")).toAbsolutePath();
            long started = System.nanoTime();
            Map<String, BigDecimal> sums = Sales.sumsOf(file);
            long summed = System.nanoTime();
            signInIfAsked("admin", ADMIN_PASSWORD);
            QuarryApi api = QuarryApi.login(base(), "admin", ADMIN_PASSWORD);
            HttpResponse<String> accepted = api.send(api.request("/api/datasets?name=" + file.getFileName())
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofFile(file))
                    .build());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String id = QuarryApi.JSON.readTree(accepted.body()).get("id").asString();
            JsonNode ready = api.awaitFinished(id);
            assertThat(ready.get("status").asString()).as(ready.toString()).isEqualTo("ready");
            long uploaded = System.nanoTime();
            buildTheBarChart(id, sums);
            System.out.printf(
                    Locale.ROOT,
                    "ChartBuilderIT measure: %,d bytes, %,d rows; sums from the file here %d ms; upload to ready %d ms;"
                            + " load average %s%n",
                    Files.size(file),
                    ready.get("rowCount").asLong(),
                    (summed - started) / 1_000_000,
                    (uploaded - summed) / 1_000_000,
                    Files.readString(Path.of("/proc/loadavg")).strip());
        });
    }

    /** Runs the test; on failure keeps a screenshot, Graphic Walker's shadow DOM and the recorded queries. */
    private void withChartArtifacts(Steps steps) throws Exception {
        try {
            steps.run();
        } catch (Throwable failure) {
            Path shot = Path.of("target", "ChartBuilderIT-failure.png").toAbsolutePath();
            try {
                Files.write(shot, ((TakesScreenshot) browser()).getScreenshotAs(OutputType.BYTES));
                Object shadow = js("return [...document.querySelectorAll('*')].filter(e => e.shadowRoot)"
                        + ".map(e => e.shadowRoot.innerHTML).join('\\n<!-- shadow root -->\\n');");
                Path html = Path.of("target", "ChartBuilderIT-failure.html").toAbsolutePath();
                Files.writeString(html, String.valueOf(shadow));
                Object queries = js("return JSON.stringify(window.__chartQueries || [], null, 1);");
                failure.addSuppressed(new AssertionError(
                        "screenshot of the failure: " + shot + ", shadow DOM: " + html + ", queries: " + queries));
            } catch (RuntimeException ignored) {
                // the browser is gone: the failure says why
            }
            throw failure;
        }
    }

    /**
     * Opens the ready dataset's Chart tab, builds the bar chart of the sum of price by category by drag and drop, and
     * checks the bars Graphic Walker was given against the expected sums.
     */
    private void buildTheBarChart(String id, Map<String, BigDecimal> sums) throws Exception {
        WebDriver browser = browser();
        String base = base();

        // 1. Open the dataset, record the chart queries from now on, and open its Chart tab.
        browser.get(base + "/datasets/" + id);
        js("performance.setResourceTimingBufferSize(100000)");
        WebElement chartTab = waitFor(
                d -> d.findElements(By.cssSelector("nav.tabs a, nav.tabs button")).stream()
                        .filter(tab -> tab.getText().strip().equals("Chart"))
                        .findFirst()
                        .orElse(null),
                20);
        js(RECORD_QUERIES);
        chartTab.click();
        WebElement category = waitFor(d -> fieldPill("category"), 60);

        // 2. Drag category onto the X-Axis shelf and price onto the Y-Axis shelf, with the mouse.
        drag(category, shelf("columns"));
        waitFor(d -> shelfText("columns").contains("category"), 10, () -> "X-Axis holds " + shelfText("columns"));
        long dropped = System.nanoTime();
        drag(waitFor(d -> fieldPill("price"), 10), shelf("rows"));
        waitFor(d -> shelfText("rows").contains("price"), 10, () -> "Y-Axis holds " + shelfText("rows"));

        // 3. The query for the bars: sum of price grouped by category; its answer is the sums of the file's rows.
        JsonNode bars =
                waitFor(d -> barQuery(), 30, () -> "queries: " + js("return JSON.stringify(window.__chartQueries)"));
        long answered = System.nanoTime();
        JsonNode request = bars.get("request");
        JsonNode answer = bars.get("answer");
        assertThat(bars.get("status").asInt()).isEqualTo(200);
        String measure = Objects.requireNonNull(sumField(request));
        Map<String, BigDecimal> shown = new TreeMap<>();
        for (JsonNode row : answer) {
            shown.put(row.get("category").asString(), row.get(measure).decimalValue());
        }
        assertThat(shown.keySet()).containsExactlyElementsOf(sums.keySet());
        sums.forEach((name, sum) ->
                assertThat(shown.get(name)).as("sum of price for " + name).isEqualByComparingTo(sum));

        // 4. The chart is drawn: Graphic Walker's Vega view holds a canvas or SVG of real size.
        waitFor(
                d -> js(DEEP_ALL + " return deepAll('.vega-embed canvas, .vega-embed svg.marks')"
                        + ".some(e => e.getBoundingClientRect().width > 100 && e.getBoundingClientRect().height > 100)"
                        + " || null;"),
                20,
                () -> "no chart drawn");

        Thread.sleep(300); // let the chart's animation finish for the picture
        Path picture = Files.createDirectories(Path.of("target", "screenshots").toAbsolutePath())
                .resolve("chart-builder.png");
        Files.write(picture, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        // 5. Saved, the chart is what was built: category on X, the sum of price on Y, a bar (or automatic) mark.
        browser.findElement(By.cssSelector("input[placeholder^='Name these charts']"))
                .sendKeys("Sales by category");
        browser.findElements(By.cssSelector(".chart-tab button")).stream()
                .filter(button -> button.getText().strip().equals("Save charts"))
                .findFirst()
                .orElseThrow()
                .click();
        waitFor(d -> textOf(".chart-tab [role=status]").equals("Saved \"Sales by category\"."), 10);
        JsonNode saved = api("/api/datasets/" + id + "/charts");
        assertThat(saved).hasSize(1);
        assertThat(saved.get(0).get("name").asString()).isEqualTo("Sales by category");
        JsonNode chart = saved.get(0).get("spec").get(0);
        JsonNode encodings = chart.get("encodings");
        assertThat(encodings.get("columns")).hasSize(1);
        assertThat(encodings.get("columns").get(0).get("fid").asString()).isEqualTo("category");
        assertThat(encodings.get("rows")).hasSize(1);
        assertThat(encodings.get("rows").get(0).get("fid").asString()).isEqualTo("price");
        assertThat(encodings.get("rows").get(0).get("aggName").asString()).isEqualTo("sum");
        assertThat(chart.get("config").get("geoms").get(0).asString()).isIn("auto", "bar");

        // 6. Every request of the page went to this server.
        Object names = js("return performance.getEntriesByType('navigation')"
                + ".concat(performance.getEntriesByType('resource')).map(e => e.name);");
        List<String> urls = ((List<?>) Objects.requireNonNull(names))
                .stream().map(String::valueOf).toList();
        assertThat(urls).anySatisfy(url -> assertThat(url).endsWith("/api/datasets/" + id + "/query"));
        assertThat(urls)
                .as("requests of the page")
                .allSatisfy(url -> assertThat(url).startsWith(base + "/"));
        Object linked = js(DEEP_ALL + " return deepAll('link[href], script[src], img[src], iframe[src], source[src]')"
                + ".map(e => e.href || e.src);");
        assertThat((List<?>) Objects.requireNonNull(linked))
                .as("resources the page and Graphic Walker link")
                .allSatisfy(url -> assertThat(String.valueOf(url))
                        .matches(u -> u.startsWith(base + "/") || u.startsWith("data:") || u.startsWith("blob:")));
        System.out.printf(
                Locale.ROOT,
                "ChartBuilderIT: bars %s match the sums of the file; drag of price to the bars' answer %d ms"
                        + " (the /query request itself %s ms); %d requests, all to %s%n",
                shown,
                (answered - dropped) / 1_000_000,
                js("const q = performance.getEntriesByType('resource').filter(e => e.name.endsWith('/query'));"
                        + " return q.map(e => Math.round(e.duration)).join(', ');"),
                urls.size(),
                base);
    }

    /** The answered /query whose workflow aggregates a sum of price grouped by category, or null. */
    private @Nullable JsonNode barQuery() {
        Object recorded =
                js("return JSON.stringify((window.__chartQueries || []).filter(q => q.answer !== undefined));");
        for (JsonNode query : JSON.readTree(String.valueOf(recorded))) {
            JsonNode request = JSON.readTree(query.get("body").asString());
            if (sumField(request) != null) {
                ObjectNode found = JSON.createObjectNode();
                found.put("status", query.get("status").asInt());
                found.set("request", request);
                found.set("answer", JSON.readTree(query.get("answer").asString()));
                return found;
            }
        }
        return null;
    }

    /** The output field of a workflow's sum of price grouped by category only, or null when it has none. */
    private static @Nullable String sumField(JsonNode payload) {
        for (JsonNode step : payload.path("workflow")) {
            if (!step.path("type").asString("").equals("view")) {
                continue;
            }
            for (JsonNode query : step.path("query")) {
                if (!query.path("op").asString("").equals("aggregate")) {
                    continue;
                }
                JsonNode groupBy = query.path("groupBy");
                if (groupBy.size() != 1 || !groupBy.get(0).asString().equals("category")) {
                    continue;
                }
                for (JsonNode measure : query.path("measures")) {
                    if (measure.path("field").asString("").equals("price")
                            && measure.path("agg").asString("").equals("sum")) {
                        return measure.path("asFieldKey").asString();
                    }
                }
            }
        }
        return null;
    }

    /** The CSV uploaded (id, category, price with 2 decimals) and the sum of price per category. */
    record Sales(String csv, Map<String, BigDecimal> sums) {

        static Sales generate(int rows) {
            Random random = new Random(7);
            StringBuilder csv = new StringBuilder("id,category,price\n");
            Map<String, BigDecimal> sums = new TreeMap<>();
            for (int i = 1; i <= rows; i++) {
                String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                BigDecimal price = BigDecimal.valueOf(100 + random.nextInt(99_900), 2);
                sums.merge(category, price, BigDecimal::add);
                csv.append(i)
                        .append(',')
                        .append(category)
                        .append(',')
                        .append(price.toPlainString())
                        .append('\n');
            }
            return new Sales(csv.toString(), sums);
        }

        /** The sum of price per category of a CSV file with a header naming both; empty prices are left out. */
        static Map<String, BigDecimal> sumsOf(Path file) throws IOException {
            Map<String, BigDecimal> sums = new TreeMap<>();
            CSVFormat format = CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get();
            try (Reader reader = Files.newBufferedReader(file);
                    CSVParser parser = CSVParser.parse(reader, format)) {
                for (CSVRecord record : parser) {
                    String price = record.get("price");
                    if (!price.isEmpty()) {
                        sums.merge(record.get("category"), new BigDecimal(price), BigDecimal::add);
                    }
                }
            }
            return sums;
        }
    }
}
