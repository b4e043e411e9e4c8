package io.quarry.server.chart;

import io.quarry.engine.QuarryException;
import io.quarry.server.auth.QuarryPrincipal;
import io.quarry.server.dataset.DatasetAccess;
import io.quarry.server.dataset.DatasetDeleted;
import io.quarry.server.system.QuarryProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Charts saved per dataset: a name and Graphic Walker's chart spec (what its {@code exportCode()} gives), kept as
 * one JSON file each under {@code <data-dir>/charts/<dataset id>/}. Only who may see the dataset sees its charts.
 */
@Service
class SavedCharts {

    static final int MAX_CHARTS = 200;
    static final int MAX_NAME = 200;

    /** One saved chart. */
    record SavedChart(String id, String name, JsonNode spec, Instant savedAt) {}

    /** What a client sends to save a chart. */
    record NewChart(@Nullable String name, @Nullable JsonNode spec) {}

    private static final Pattern ID = Pattern.compile("[a-z0-9]{12}");
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final DatasetAccess datasets;
    private final ObjectMapper json;
    private final Path root;
    private final SecureRandom random = new SecureRandom();

    SavedCharts(DatasetAccess datasets, ObjectMapper json, QuarryProperties properties) {
        this.datasets = datasets;
        this.json = json;
        this.root = properties.dataDir().toAbsolutePath().resolve("charts");
    }

    /** A deleted dataset's charts go with it. */
    @EventListener
    void datasetDeleted(DatasetDeleted deleted) {
        Path dir = root.resolve(deleted.id()).normalize();
        if (!root.equals(dir.getParent()) || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<SavedChart> list(QuarryPrincipal user, String datasetId) {
        Path dir = directory(user, datasetId);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<SavedChart> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .toList()) {
                try {
                    found.add(json.readValue(file.toFile(), SavedChart.class));
                } catch (RuntimeException e) {
                    // a file half-written by a crash, or removed meanwhile: not a chart
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(Comparator.comparing(SavedChart::savedAt).reversed().thenComparing(SavedChart::id));
        return found;
    }

    synchronized SavedChart save(QuarryPrincipal user, String datasetId, NewChart chart) {
        Path dir = directory(user, datasetId);
        String name = chart.name() == null ? "" : chart.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new QuarryException(
                    ChartError.CHART_INVALID, "A saved chart needs a name of 1 to " + MAX_NAME + " characters.");
        }
        JsonNode spec = chart.spec();
        if (spec == null || !(spec.isArray() || spec.isObject())) {
            throw new QuarryException(
                    ChartError.CHART_INVALID, "A saved chart needs its Graphic Walker spec (a JSON list or object).");
        }
        if (list(user, datasetId).size() >= MAX_CHARTS) {
            throw new QuarryException(
                    ChartError.CHART_INVALID,
                    "A dataset keeps at most " + MAX_CHARTS + " saved charts; delete some first.");
        }
        SavedChart saved = new SavedChart(newId(), name, spec, Instant.now());
        try {
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, saved.id(), ".tmp");
            json.writeValue(temporary.toFile(), saved);
            Path target = dir.resolve(saved.id() + ".json");
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return saved;
    }

    SavedChart get(QuarryPrincipal user, String datasetId, String chartId) {
        Path file = file(user, datasetId, chartId);
        if (!Files.isRegularFile(file)) {
            throw notFound(chartId);
        }
        return json.readValue(file.toFile(), SavedChart.class);
    }

    void delete(QuarryPrincipal user, String datasetId, String chartId) {
        try {
            Files.delete(file(user, datasetId, chartId));
        } catch (NoSuchFileException e) {
            throw notFound(chartId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path directory(QuarryPrincipal user, String datasetId) {
        // the record's id comes from the store, never the path text, so it names a directory safely
        return root.resolve(datasets.requireVisible(user, datasetId).id());
    }

    private Path file(QuarryPrincipal user, String datasetId, String chartId) {
        Path dir = directory(user, datasetId);
        if (!ID.matcher(chartId).matches()) {
            throw notFound(chartId);
        }
        return dir.resolve(chartId + ".json");
    }

    private static QuarryException notFound(String chartId) {
        String shown = chartId.length() > 40 ? chartId.substring(0, 40) + "…" : chartId;
        return new QuarryException(ChartError.CHART_NOT_FOUND, "There is no saved chart with the id " + shown + ".");
    }

    private String newId() {
        char[] id = new char[12];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
