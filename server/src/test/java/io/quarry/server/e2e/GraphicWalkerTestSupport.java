package io.quarry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import tools.jackson.databind.JsonNode;

/**
 * What the Chart tab's browser tests share: Graphic Walker renders in a shadow root, so its elements are found with
 * a JS walk over shadow roots, and its fields are dragged onto shelves with the mouse, as a person does.
 */
abstract class GraphicWalkerTestSupport extends BrowserTestSupport {

    /** Finds, over every open shadow root of the page, the elements matching a selector (argument 0). */
    static final String DEEP_ALL = "const deepAll = (sel) => { const out = []; const walk = (root) => {"
            + " out.push(...root.querySelectorAll(sel));"
            + " for (const e of root.querySelectorAll('*')) { if (e.shadowRoot) walk(e.shadowRoot); } };"
            + " walk(document); return out; };";

    /** A field of Graphic Walker's field list (a drag handle), by name. */
    @Nullable
    WebElement fieldPill(String name) {
        return (WebElement) js(
                DEEP_ALL + " return deepAll('[data-field-pill][data-rbd-drag-handle-draggable-id]')"
                        + ".find(e => e.textContent.trim() === arguments[0]) || null;",
                name);
    }

    /** A position shelf's drop area: {@code columns} is the X-Axis, {@code rows} the Y-Axis. */
    WebElement shelf(String channel) {
        return waitFor(
                d -> (WebElement) js(
                        DEEP_ALL + " return deepAll('[data-rbd-droppable-id=\"' + arguments[0] + '\"]')[0] || null;",
                        channel),
                10);
    }

    String shelfText(String channel) {
        Object text = js(
                DEEP_ALL + " const s = deepAll('[data-rbd-droppable-id=\"' + arguments[0] + '\"]')[0];"
                        + " return s ? s.textContent : '';",
                channel);
        return String.valueOf(text);
    }

    /**
     * Drags with the mouse as a person does: press on the field, move a little (the drag starts after a few
     * pixels), move over the shelf in steps, and release. Graphic Walker's drag and drop listens to mouse events.
     */
    void drag(WebElement from, WebElement to) {
        Actions actions = new Actions(browser()).moveToElement(from).clickAndHold();
        for (int step = 1; step <= 3; step++) {
            actions.moveByOffset(0, 3).pause(Duration.ofMillis(30));
        }
        actions.moveToElement(to, 5, 0).pause(Duration.ofMillis(100));
        actions.moveToElement(to).pause(Duration.ofMillis(200)).release().perform();
    }

    /** A POST of a CSV to the API from the page, with its session cookie and CSRF token. */
    JsonNode post(String path, String csv) {
        Object answer = ((JavascriptExecutor) browser())
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + " const token = (document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='))"
                                + " || '').substring('XSRF-TOKEN='.length);"
                                + " fetch(arguments[0], {method: 'POST', credentials: 'same-origin', body: arguments[1],"
                                + " headers: {'Content-Type': 'text/csv', Accept: 'application/json',"
                                + " 'X-XSRF-TOKEN': decodeURIComponent(token)}})"
                                + ".then(r => r.text().then(body => done({status: r.status, body})))"
                                + ".catch(e => done({status: -1, body: String(e)}));",
                        path,
                        csv);
        Map<?, ?> result = (Map<?, ?>) Objects.requireNonNull(answer);
        String body = String.valueOf(result.get("body"));
        assertThat(((Number) Objects.requireNonNull(result.get("status"))).intValue())
                .as(path + ": " + body)
                .isEqualTo(202);
        return JSON.readTree(body);
    }
}
