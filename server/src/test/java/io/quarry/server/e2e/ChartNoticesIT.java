package io.quarry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Chart tab's notices, against the real server with its row cap set to 3 ({@code quarry.query.max-rows}): a chart
 * of 5 categories is cut off, and the tab says so instead of drawing part of the data silently; a chart query whose
 * filter has an invalid regular expression gets the engine's warning in {@code X-Quarry-Warnings}, and the tab shows
 * it. Graphic Walker offers no way to type such a pattern, so once the cap is checked the test makes the page add
 * that filter to the chart queries it sends (a wrapper around window.fetch); the server and the UI are the real ones.
 */
class ChartNoticesIT extends GraphicWalkerTestSupport {

    private static final String ADMIN_PASSWORD = "admin-password-notices-e2e";
    private static final Path DATA_DIR = createDataDir("chart-notices-it-");
    private static final String BAD_PATTERN_FILTER = "{\"type\":\"filter\",\"filters\":[{\"fid\":\"category\","
            + "\"rule\":{\"type\":\"regexp\",\"value\":\"([\"}}]}";

    /** When window.__badPattern is set, adds window.__badFilter (a filter step) to every chart query sent. */
    private static final String ADD_BAD_PATTERN = "if (!window.__patched) { window.__patched = true;"
            + " const original = window.fetch;"
            + " window.fetch = (input, init) => {"
            + "  const url = typeof input === 'string' ? input : input.url;"
            + "  if (window.__badPattern && init && init.body"
            + "      && /\\/api\\/datasets\\/[^/]+\\/query$/.test(new URL(url, location.href).pathname)) {"
            + "   const payload = JSON.parse(init.body);"
            + "   payload.workflow = [JSON.parse(window.__badFilter)].concat(payload.workflow || []);"
            + "   init = Object.assign({}, init, {body: JSON.stringify(payload)});"
            + "  }"
            + "  return original(input, init); }; }";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("quarry.data-dir", DATA_DIR::toString);
        registry.add("quarry.admin.password", () -> ADMIN_PASSWORD);
        registry.add("quarry.query.max-rows", () -> "3");
    }

    @Test
    void cappedAnswersAndWarningsAreShown() throws Exception {
        withFailureArtifacts(this::run);
    }

    private void run() throws Exception {
        signIn("admin", ADMIN_PASSWORD);
        String id = post(
                        "/api/datasets?name=sales.csv",
                        ChartBuilderIT.Sales.generate(500).csv())
                .get("id")
                .asString();
        waitFor(d -> api("/api/datasets/" + id).get("status").asString().equals("ready"), 30, () -> "dataset " + id);

        // The headers, straight from the API: warnings as a percent-encoded JSON list of sentences, and the cap.
        Map<?, ?> answer = query(id, "{\"workflow\":[" + BAD_PATTERN_FILTER + "]}");
        assertThat(answer.get("status")).isEqualTo(200L);
        assertThat(URLDecoder.decode(String.valueOf(answer.get("warnings")), StandardCharsets.UTF_8))
                .isEqualTo("[\"The pattern \\\"([\\\" is not a valid regular expression.\"]");
        assertThat(answer.get("capped"))
                .as("the pattern matches nothing: no rows to cut")
                .isNull();
        Map<?, ?> every = query(id, "{\"workflow\":[]}");
        assertThat(every.get("capped")).as("500 rows, cut at 3").isEqualTo("3");
        assertThat(every.get("warnings")).isNull();

        // 1. Category on the X-Axis: 5 bars, more than the cap of 3, and the tab says so.
        browser().get(base() + "/datasets/" + id);
        WebElement chartTab = buttonWithText("nav.tabs a", "Chart");
        js(ADD_BAD_PATTERN);
        js("window.__badFilter = arguments[0];", BAD_PATTERN_FILTER);
        chartTab.click();
        WebElement category = waitFor(d -> fieldPill("category"), 60);
        drag(category, shelf("columns"));
        waitFor(d -> shelfText("columns").contains("category"), 10, () -> "X-Axis holds " + shelfText("columns"));
        waitFor(
                d -> textOf("[data-testid=chart-capped]").startsWith("Showing the first 3 rows only."),
                20,
                () -> "notices: " + textOf(".chart-tab"));
        assertThat(browser().findElements(By.cssSelector("[data-testid=chart-warnings]")))
                .isEmpty();
        buttonWithText("[data-testid=chart-capped] button", "Dismiss").click();
        waitFor(
                d -> d.findElements(By.cssSelector("[data-testid=chart-capped]"))
                        .isEmpty(),
                5);

        // 2. From now on the page's chart queries carry the invalid pattern: price on the Y-Axis brings the warning.
        js("window.__badPattern = true;");
        drag(waitFor(d -> fieldPill("price"), 10), shelf("rows"));
        waitFor(d -> shelfText("rows").contains("price"), 10, () -> "Y-Axis holds " + shelfText("rows"));
        waitFor(
                d -> textOf("[data-testid=chart-warnings] li")
                        .equals("The pattern \"([\" is not a valid regular expression."),
                20,
                () -> "notices: " + textOf(".chart-tab"));
        buttonWithText("[data-testid=chart-warnings] button", "Dismiss").click();
        waitFor(
                d -> d.findElements(By.cssSelector("[data-testid=chart-warnings]"))
                        .isEmpty(),
                5);
    }

    /** A chart query from the page with its session: the status and the two notice headers. */
    private Map<?, ?> query(String id, String payload) {
        Object answer = ((JavascriptExecutor) browser())
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + " const token = (document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='))"
                                + " || '').substring('XSRF-TOKEN='.length);"
                                + " fetch('/api/datasets/' + arguments[0] + '/query', {method: 'POST',"
                                + " credentials: 'same-origin', body: arguments[1], headers: {'Content-Type':"
                                + " 'application/json', 'X-XSRF-TOKEN': decodeURIComponent(token)}})"
                                + ".then(r => done({status: r.status, warnings: r.headers.get('X-Quarry-Warnings'),"
                                + " capped: r.headers.get('X-Quarry-Capped')}))"
                                + ".catch(e => done({status: -1, warnings: String(e)}));",
                        id,
                        payload);
        return (Map<?, ?>) Objects.requireNonNull(answer);
    }
}
