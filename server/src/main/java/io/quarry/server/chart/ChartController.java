package io.quarry.server.chart;

import io.quarry.engine.QuarryException;
import io.quarry.server.ServerError;
import io.quarry.server.auth.QuarryPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/** The chart API that Graphic Walker calls: the fields of a dataset, and its chart queries. */
@RestController
@RequestMapping("/api/datasets")
class ChartController {

    /** The header that tells the rows were cut off at this many. */
    static final String CAPPED_HEADER = "X-Quarry-Capped";

    /**
     * The header that carries the answer's warnings: a JSON list of strings, percent-encoded as UTF-8 (spaces as
     * {@code %20}, so JavaScript's {@code decodeURIComponent} reads it back).
     */
    static final String WARNINGS_HEADER = "X-Quarry-Warnings";

    /** The largest chart query body read; a chart payload is a few kilobytes. */
    static final int MAX_BODY = 1 << 20;

    /** Bodies up to this size are read to the end (so the client sees the 413); larger ones are refused at once. */
    private static final long MAX_DRAINED = 64L << 20;

    private final ChartService charts;
    private final SavedCharts saved;
    private final ObjectMapper json;

    ChartController(ChartService charts, SavedCharts saved, ObjectMapper json) {
        this.charts = charts;
        this.saved = saved;
        this.json = json;
    }

    @GetMapping("/{id}/charts")
    List<SavedCharts.SavedChart> savedCharts(@AuthenticationPrincipal QuarryPrincipal user, @PathVariable String id) {
        return saved.list(user, id);
    }

    @PostMapping(value = "/{id}/charts", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SavedCharts.SavedChart> saveChart(
            @AuthenticationPrincipal QuarryPrincipal user, @PathVariable String id, HttpServletRequest request)
            throws IOException {
        SavedCharts.NewChart chart = parse(read(request), SavedCharts.NewChart.class, "{name, spec}");
        return ResponseEntity.status(201).body(saved.save(user, id, chart));
    }

    @GetMapping("/{id}/charts/{chartId}")
    SavedCharts.SavedChart savedChart(
            @AuthenticationPrincipal QuarryPrincipal user, @PathVariable String id, @PathVariable String chartId) {
        return saved.get(user, id, chartId);
    }

    @DeleteMapping("/{id}/charts/{chartId}")
    ResponseEntity<Void> deleteChart(
            @AuthenticationPrincipal QuarryPrincipal user, @PathVariable String id, @PathVariable String chartId) {
        saved.delete(user, id, chartId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/fields")
    List<ChartService.Field> fields(@AuthenticationPrincipal QuarryPrincipal user, @PathVariable String id) {
        return charts.fields(user, id);
    }

    @PostMapping(value = "/{id}/query", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> query(
            @AuthenticationPrincipal QuarryPrincipal user,
            @PathVariable String id,
            @RequestHeader(name = QueryWithdrawals.HEADER, required = false) @Nullable String queryId,
            HttpServletRequest request)
            throws IOException {
        ChartPayload payload = parse(read(request), ChartPayload.class, "{workflow: [...], limit?, offset?}");
        ChartService.Answer answer = charts.query(user, id, payload, queryId);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (answer.capped()) {
            response.header(CAPPED_HEADER, String.valueOf(charts.maxRows()));
        }
        if (!answer.warnings().isEmpty()) {
            String list = json.writeValueAsString(answer.warnings());
            response.header(
                    WARNINGS_HEADER,
                    URLEncoder.encode(list, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return response.body(answer.json());
    }

    /** Withdraws the caller's chart query with this id (sent as {@value QueryWithdrawals#HEADER}); see there. */
    @DeleteMapping("/{id}/query/{queryId}")
    ResponseEntity<Void> withdrawQuery(
            @AuthenticationPrincipal QuarryPrincipal user, @PathVariable String id, @PathVariable String queryId) {
        charts.withdraw(user, id, queryId);
        return ResponseEntity.noContent().build();
    }

    private <T> T parse(byte[] body, Class<T> type, String form) {
        try {
            T payload = json.readValue(body, type);
            if (payload == null) {
                throw new QuarryException(ServerError.MALFORMED_REQUEST, "The request body is empty.");
            }
            return payload;
        } catch (JacksonException e) {
            throw new QuarryException(
                    ServerError.MALFORMED_REQUEST,
                    "The request body could not be read: it must be JSON of the form " + form
                            + (e.getPathReference() == null
                                            || e.getPathReference().isEmpty()
                                    ? ""
                                    : " (at " + shorten(e.getPathReference()) + ")")
                            + ".");
        }
    }

    private static String shorten(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    private static byte[] read(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_DRAINED) {
            throw tooLarge();
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        try (InputStream in = request.getInputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total <= MAX_BODY) {
                    kept.write(buffer, 0, n);
                } else if (total > MAX_DRAINED) {
                    break;
                }
            }
        }
        if (total > MAX_BODY) {
            throw tooLarge();
        }
        return kept.toByteArray();
    }

    private static QuarryException tooLarge() {
        return new QuarryException(
                ServerError.REQUEST_TOO_LARGE,
                "A chart request may be at most " + (MAX_BODY >> 10) + " KiB of JSON; this one is larger.");
    }
}
