package io.quarry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Chart tab withdraws its queries still running when it closes and when the page is left, and the server then
 * cancels them ({@code quarry.chart.cancelled}). To have a query that runs for seconds, the page turns the chart
 * queries it sends into a slow one over a million generated rows (a wrapper around window.fetch that keeps their
 * headers); the server and the UI are the real ones.
 */
class ChartWithdrawIT extends GraphicWalkerTestSupport {

    private static final String ADMIN_PASSWORD = "admin-password-withdraw-e2e";
    private static final Path DATA_DIR = createDataDir("chart-withdraw-it-");
    private static final Pattern CANCELLED = Pattern.compile("(?m)^quarry_chart_cancelled_total(?:\\{[^}]*})? (\\S+)$");

    /** Medians, distinct counts and a deviation over mostly one-row groups: seconds on a million rows. */
    private static final String SLOW = "{\"workflow\":[{\"type\":\"transform\",\"transform\":["
            + "{\"key\":\"b\",\"expression\":{\"op\":\"bin\",\"as\":\"b\",\"params\":[{\"type\":\"field\",\"value\":\"v\"}],"
            + "\"num\":1000}},{\"key\":\"c\",\"expression\":{\"op\":\"bin\",\"as\":\"c\",\"params\":[{\"type\":\"field\","
            + "\"value\":\"id\"}],\"num\":1000}}]},{\"type\":\"view\",\"query\":[{\"op\":\"aggregate\","
            + "\"groupBy\":[\"k\",\"b\",\"c\"],\"measures\":[{\"field\":\"v\",\"agg\":\"median\",\"asFieldKey\":\"m\"},"
            + "{\"field\":\"id\",\"agg\":\"median\",\"asFieldKey\":\"n\"},{\"field\":\"k\",\"agg\":\"distinctCount\","
            + "\"asFieldKey\":\"dk\"},{\"field\":\"b\",\"agg\":\"distinctCount\",\"asFieldKey\":\"db\"},{\"field\":\"v\","
            + "\"agg\":\"stdev\",\"asFieldKey\":\"sv\"}]}]},{\"type\":\"sort\",\"sort\":\"descending\","
            + "\"by\":[\"m\",\"n\",\"k\",\"dk\",\"sv\"]}],\"limit\":3,\"tag\":\"";

    /**
     * When window.__slow holds a tag, sends every chart query as the slow one (window.__slowPrefix + tag); counts the chart
     * queries waiting for their answer in window.__waiting.
     */
    private static final String SLOW_QUERIES = "window.__waiting = 0; const original = window.fetch;"
            + " window.fetch = (input, init) => {"
            + "  const url = typeof input === 'string' ? input : input.url;"
            + "  if (!(init && init.method === 'POST'"
            + "      && /\\/api\\/datasets\\/[^/]+\\/query$/.test(new URL(url, location.href).pathname))) {"
            + "   return original(input, init); }"
            + "  if (window.__slow) { init = Object.assign({}, init, {body: window.__slowPrefix + window.__slow + '\"}'}); }"
            + "  window.__waiting++;"
            + "  return original(input, init).finally(() => window.__waiting--); };";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("quarry.data-dir", DATA_DIR::toString);
        registry.add("quarry.admin.password", () -> ADMIN_PASSWORD);
    }

    @Test
    void queriesAreWithdrawnWhenTheTabClosesAndWhenThePageIsLeft() throws Exception {
        withFailureArtifacts(this::run);
    }

    private void run() throws Exception {
        signIn("admin", ADMIN_PASSWORD);
        String id = uploadGeneratedRows(1_000_000);
        waitFor(d -> api("/api/datasets/" + id).get("status").asString().equals("ready"), 60, () -> "dataset " + id);

        // 1. A slow chart query is running; leaving the Chart tab for the Rows tab withdraws it.
        double before = cancelled();
        openChartTab(id, "tab");
        buttonWithText("nav.tabs a", "Rows").click();
        long start = System.nanoTime();
        waitFor(d -> cancelled() > before, 10, () -> "cancelled: " + cancelled());
        System.out.printf(
                "Chart tab closed: query cancelled on the server within %d ms%n",
                (System.nanoTime() - start) / 1_000_000);
        assertThat(js("return window.__waiting")).isEqualTo(0L);

        // 2. Again, and this time the page is left (pagehide): the withdrawal goes out with keepalive.
        double again = cancelled();
        openChartTab(id, "page");
        browser().get(base() + "/");
        waitFor(d -> cancelled() > again, 10, () -> "cancelled: " + cancelled());
    }

    /** Opens the dataset's Chart tab, makes its queries slow, and drags a field onto the X-Axis until one runs. */
    private void openChartTab(String id, String tag) {
        browser().get(base() + "/datasets/" + id);
        WebElement chartTab = buttonWithText("nav.tabs a", "Chart");
        js(SLOW_QUERIES);
        js("window.__slowPrefix = arguments[0];", SLOW);
        chartTab.click();
        WebElement field = waitFor(d -> fieldPill("k"), 60);
        js("window.__slow = arguments[0];", tag);
        drag(field, shelf("columns"));
        waitFor(d -> ((Number) Objects.requireNonNull(js("return window.__waiting"))).intValue() > 0, 10);
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(((Number) Objects.requireNonNull(js("return window.__waiting"))).intValue())
                .as("the slow query is still running")
                .isPositive();
    }

    /** Uploads rows of a unique id, a value with many distinct values and a shared key, generated in the page. */
    private String uploadGeneratedRows(int rows) {
        Object answer = ((JavascriptExecutor) browser())
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + " const token = (document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='))"
                                + " || '').substring('XSRF-TOKEN='.length);"
                                + " const lines = ['id,v,k'];"
                                + " for (let i = 0; i < arguments[0]; i++) {"
                                + "  lines.push(i + ',' + ((i * 7919) % 100003) + ',k' + (i % 50000)); }"
                                + " fetch('/api/datasets?name=rows.csv', {method: 'POST', credentials: 'same-origin',"
                                + " body: lines.join('\\n') + '\\n', headers: {'Content-Type': 'text/csv',"
                                + " Accept: 'application/json', 'X-XSRF-TOKEN': decodeURIComponent(token)}})"
                                + ".then(r => r.json().then(body => done({status: r.status, id: body.id})))"
                                + ".catch(e => done({status: -1, id: String(e)}));",
                        rows);
        Map<?, ?> result = (Map<?, ?>) Objects.requireNonNull(answer);
        assertThat(result.get("status")).as(String.valueOf(result)).isEqualTo(202L);
        return String.valueOf(result.get("id"));
    }

    /** The server's count of cancelled chart computations, from its Prometheus metrics. */
    private double cancelled() {
        Object text = ((JavascriptExecutor) browser())
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + " fetch('/actuator/prometheus', {credentials: 'same-origin'})"
                        + ".then(r => r.text()).then(done).catch(e => done(String(e)));");
        Matcher matcher = CANCELLED.matcher(String.valueOf(text));
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
