package io.quarry.server.dataset;

import io.quarry.server.auth.QuarryPrincipal;
import io.quarry.server.dataset.DatasetViews.Detail;
import io.quarry.server.dataset.DatasetViews.RejectsView;
import io.quarry.server.dataset.DatasetViews.RowsView;
import io.quarry.server.dataset.DatasetViews.Summary;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/** The dataset API: list, detail, rename, delete, rows, rejects, profile and progress. Uploads are in {@code upload}. */
@RestController
@RequestMapping("/api/datasets")
class DatasetController {

    static final int DEFAULT_LIMIT = 1000;

    private final DatasetService datasets;
    private final ObjectMapper json;

    DatasetController(DatasetService datasets, ObjectMapper json) {
        this.datasets = datasets;
        this.json = json;
    }

    record Rename(@Nullable String name) {}

    @GetMapping
    List<Summary> list(@AuthenticationPrincipal QuarryPrincipal user) {
        return datasets.list(user).stream().map(Summary::of).toList();
    }

    @GetMapping("/{id}")
    Detail detail(@AuthenticationPrincipal QuarryPrincipal user, @PathVariable String id) {
        DatasetRecord record = datasets.requireVisible(user, id);
        return Detail.of(record, datasets.published(record), datasets.preview(record));
    }

    @PatchMapping("/{id}")
    Detail rename(@AuthenticationPrincipal QuarryPrincipal user, @PathVariable String id, @RequestBody Rename rename) {
        DatasetRecord record = datasets.rename(user, id, rename.name() == null ? "" : rename.name());
        return Detail.of(record, datasets.published(record), datasets.preview(record));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal QuarryPrincipal user, @PathVariable String id) {
        datasets.delete(user, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/rows")
    RowsView rows(
            @AuthenticationPrincipal QuarryPrincipal user,
            @PathVariable String id,
            @RequestParam(defaultValue = "0") long offset,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable String filter,
            @RequestParam(required = false) @Nullable String search) {
        RowsQuery query = RowsQuery.parse(sort, filter, search, json);
        return datasets.readRows(user, id, offset, limit, query);
    }

    /**
     * Every row of the view (sort, filter, search as for rows) as a CSV download, streamed; for spreadsheets unless
     * {@code spreadsheet=false}, see {@link CsvExport}.
     */
    @GetMapping("/{id}/export")
    void export(
            @AuthenticationPrincipal QuarryPrincipal user,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable String filter,
            @RequestParam(required = false) @Nullable String search,
            @RequestParam(defaultValue = "true") boolean spreadsheet,
            HttpServletResponse response)
            throws IOException {
        DatasetService.Download export = datasets.export(user, id, RowsQuery.parse(sort, filter, search, json));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(export.name() + ".csv", StandardCharsets.UTF_8)
                        .build()
                        .toString());
        try {
            export.csv().write(response.getOutputStream(), spreadsheet);
        } catch (IOException e) {
            // the client went away mid-download; nothing to answer
        }
    }

    @GetMapping("/{id}/rejects")
    RejectsView rejects(
            @AuthenticationPrincipal QuarryPrincipal user,
            @PathVariable String id,
            @RequestParam(defaultValue = "0") long offset,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        return RejectsView.of(datasets.readRejects(user, id, offset, limit));
    }

    @GetMapping("/{id}/profile")
    ProfileView profile(@AuthenticationPrincipal QuarryPrincipal user, @PathVariable String id) {
        return ProfileView.of(datasets.profile(user, id));
    }

    /** Server-sent events, written by this request's (virtual) thread until the work is done or failed. */
    @GetMapping("/{id}/progress")
    void progress(@AuthenticationPrincipal QuarryPrincipal user, @PathVariable String id, HttpServletResponse response)
            throws IOException {
        datasets.requireWatchable(user, id);
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        response.flushBuffer();
        try {
            datasets.watch(id, response.getOutputStream());
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }
}
