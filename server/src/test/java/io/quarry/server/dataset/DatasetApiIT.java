package io.quarry.server.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The dataset API end to end: upload, ingest, read, rename, delete, and who may see what. */
class DatasetApiIT extends ApiTestSupport {

    private static final String TRIPS = """
            id,city,price,day,at,paid
            1,Oslo,12.50,2024-01-31,2024-01-31 10:00:00,true
            2,Bergen,7.25,2024-02-01,2024-02-01 11:30:15.25,false
            3,oslo,30.00,2024-02-02,2024-02-02 09:00:00,true
            4,Tromso,,2024-02-03,2024-02-03 23:59:59,false
            5,Oslo,1.75,2024-02-04,2024-02-04 00:00:01,true
            """;

    @Test
    void rawUploadBecomesReadyAndItsRowsCanBePagedSortedAndFiltered() throws Exception {
        QuarryApi alice = user("alice");
        String id = alice.ingest("trips", TRIPS);

        JsonNode detail = alice.getJson("/api/datasets/" + id);
        assertThat(detail.get("name").asString()).isEqualTo("trips");
        assertThat(detail.get("rowCount").asLong()).isEqualTo(5);
        assertThat(detail.get("rejectedCount").asLong()).isZero();
        assertThat(detail.get("failure").isNull()).isTrue();
        assertThat(detail.get("columns").get(2).toString())
                .isEqualTo("{\"name\":\"price\",\"label\":\"price\",\"type\":\"DECIMAL(4,2)\",\"position\":2}");
        assertThat(detail.get("dialect").get("delimiter").asString()).isEqualTo(",");
        assertThat(detail.get("timings").get("ingestMs").asLong()).isNotNegative();

        JsonNode page = alice.getJson("/api/datasets/" + id + "/rows?offset=1&limit=2");
        assertThat(page.get("rows").toString())
                .isEqualTo("[[2,\"Bergen\",7.25,\"2024-02-01\",\"2024-02-01T11:30:15.250000\",false],"
                        + "[3,\"oslo\",30.00,\"2024-02-02\",\"2024-02-02T09:00:00\",true]]");
        assertThat(page.get("positions").toString()).isEqualTo("[2,3]");
        assertThat(page.get("offset").asLong()).isEqualTo(1);
        assertThat(page.get("limit").asInt()).isEqualTo(2);
        assertThat(page.get("total").asLong()).isEqualTo(5);

        JsonNode sorted = alice.getJson("/api/datasets/" + id + "/rows?sort=-price&limit=3");
        assertThat(sorted.get("positions").toString()).isEqualTo("[3,1,2]");

        String filter = URLEncoder.encode(
                "[{\"column\":\"city\",\"op\":\"in\",\"values\":[\"Oslo\",\"oslo\"]},{\"column\":\"price\",\"op\":\"gt\",\"value\":2}]",
                StandardCharsets.UTF_8);
        JsonNode filtered = alice.getJson("/api/datasets/" + id + "/rows?sort=-id&filter=" + filter);
        assertThat(filtered.get("positions").toString()).isEqualTo("[3,1]");
        assertThat(filtered.get("total").asLong()).isEqualTo(2);

        JsonNode searched = alice.getJson("/api/datasets/" + id + "/rows?search=tromso");
        assertThat(searched.get("positions").toString()).isEqualTo("[4]");

        HttpResponse<String> badFilter = alice.get("/api/datasets/" + id + "/rows?filter=%5B1");
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(QuarryApi.JSON.readTree(badFilter.body()).get("code").asString())
                .isEqualTo("INVALID_FILTER");
        assertThat(alice.get("/api/datasets/" + id + "/rows?limit=10001").statusCode())
                .isEqualTo(400);
    }

    @Test
    void multipartUploadBecomesReady() throws Exception {
        QuarryApi alice = user("alice");
        String boundary = "----quarry" + System.nanoTime();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"cities.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n"
                + "city,people\nOslo,700000\nBergen,290000\n\r\n"
                + "--" + boundary + "--\r\n";
        HttpResponse<String> response = alice.send(alice.request("/api/datasets")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode accepted = QuarryApi.JSON.readTree(response.body());
        assertThat(accepted.get("status").asString()).isEqualTo("queued");

        JsonNode detail = alice.awaitFinished(accepted.get("id").asString());
        assertThat(detail.get("status").asString()).isEqualTo("ready");
        assertThat(detail.get("name").asString()).isEqualTo("cities.csv");
        assertThat(detail.get("rowCount").asLong()).isEqualTo(2);
    }

    @Test
    void aRawUploadSentAsAFormBodyIsStillReadAsTheFile() throws Exception {
        QuarryApi alice = user("alice");
        // curl --data-binary without -H sends this content type; the body must not be parsed as form fields
        HttpResponse<String> response =
                alice.upload("form", "application/x-www-form-urlencoded", TRIPS.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

        JsonNode detail = alice.awaitFinished(
                QuarryApi.JSON.readTree(response.body()).get("id").asString());
        assertThat(detail.get("rowCount").asLong()).isEqualTo(5);
        assertThat(detail.get("name").asString()).isEqualTo("form");
    }

    @Test
    void progressEventsArriveInOrderAndEndWithDone() throws Exception {
        QuarryApi alice = user("alice");
        StringBuilder csv = new StringBuilder("n,word\n");
        for (int i = 0; i < 200_000; i++) {
            csv.append(i).append(",w").append(i % 97).append('\n');
        }
        HttpResponse<String> response =
                alice.upload("numbers", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        String id = QuarryApi.JSON.readTree(response.body()).get("id").asString();

        List<QuarryApi.Event> events = alice.progress(id);

        List<String> order = List.of("upload", "queued", "sniff", "parse", "index", "profile", "done");
        List<Integer> ranks = new ArrayList<>();
        for (QuarryApi.Event event : events) {
            assertThat(event.name()).isEqualTo("progress");
            ranks.add(order.indexOf(event.data().get("phase").asString()));
        }
        assertThat(ranks).doesNotContain(-1).isSorted();
        JsonNode last = events.getLast().data();
        assertThat(last.get("phase").asString()).isEqualTo("done");
        assertThat(last.get("rows").asLong()).isEqualTo(200_000);

        List<QuarryApi.Event> late = alice.progress(id);
        assertThat(late)
                .singleElement()
                .satisfies(event ->
                        assertThat(event.data().get("phase").asString()).isEqualTo("done"));
    }

    @Test
    void rejectsAreListedWithTheirLines() throws Exception {
        QuarryApi alice = user("alice");
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 200; i++) {
            csv.append(i).append(",x\n");
        }
        csv.append("ragged\n");
        String id = alice.ingest("ragged", csv.toString());

        JsonNode rejects = alice.getJson("/api/datasets/" + id + "/rejects?limit=10");
        assertThat(rejects.get("total").asLong()).isEqualTo(1);
        assertThat(rejects.get("rejects").get(0).get("line").asLong()).isEqualTo(202);
        assertThat(rejects.get("rejects").get(0).get("raw").asString()).isEqualTo("ragged");
        assertThat(alice.getJson("/api/datasets/" + id).get("rejectedCount").asLong())
                .isEqualTo(1);
    }

    @Test
    void aFailedIngestKeepsItsCodeAndItsRowsAreNotReadable() throws Exception {
        QuarryApi alice = user("alice");
        HttpResponse<String> response = alice.upload("empty", "text/csv", new byte[0]);
        assertThat(response.statusCode()).isEqualTo(202);
        String id = QuarryApi.JSON.readTree(response.body()).get("id").asString();

        JsonNode detail = alice.awaitFinished(id);
        assertThat(detail.get("status").asString()).isEqualTo("failed");
        assertThat(detail.get("failure").get("code").asString()).isEqualTo("CSV_EMPTY_FILE");

        List<QuarryApi.Event> events = alice.progress(id);
        assertThat(events.getLast().data().get("phase").asString()).isEqualTo("failed");
        assertThat(events.getLast().data().get("code").asString()).isEqualTo("CSV_EMPTY_FILE");

        HttpResponse<String> rows = alice.get("/api/datasets/" + id + "/rows");
        assertThat(rows.statusCode()).isEqualTo(409);
        JsonNode problem = QuarryApi.JSON.readTree(rows.body());
        assertThat(problem.get("code").asString()).isEqualTo("DATASET_NOT_READY");
        assertThat(problem.get("detail").asString())
                .isEqualTo("The dataset \"empty\" is failed; upload the file again.");
    }

    @Test
    void renameListAndDeleteFreeTheDisk() throws Exception {
        QuarryApi alice = user("alice");
        String id = alice.ingest("to rename", TRIPS);

        HttpResponse<String> renamed = alice.send("PATCH", "/api/datasets/" + id, Map.of("name", "renamed"));
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(QuarryApi.JSON.readTree(renamed.body()).get("name").asString())
                .isEqualTo("renamed");

        JsonNode mine = find(alice.getJson("/api/datasets"), id);
        assertThat(mine).isNotNull();
        assertThat(mine.get("name").asString()).isEqualTo("renamed");
        assertThat(mine.get("rowCount").asLong()).isEqualTo(5);
        assertThat(mine.get("columnCount").asInt()).isEqualTo(6);
        assertThat(mine.get("sizeBytes").asLong()).isEqualTo(TRIPS.length());

        long before = directorySize(DATA_DIR.resolve("datasets"));
        assertThat(alice.delete("/api/datasets/" + id).statusCode()).isEqualTo(204);
        assertThat(directorySize(DATA_DIR.resolve("datasets"))).isLessThan(before);
        assertThat(alice.get("/api/datasets/" + id).statusCode()).isEqualTo(404);
        assertThat(DATA_DIR.resolve("uploads").resolve(id)).doesNotExist();
    }

    @Test
    void aRawUploadIsListedAndPreviewedWhileItsBytesArrive() throws Exception {
        QuarryApi dana = user("dana");
        StringBuilder csv = new StringBuilder("id,city,price\n");
        for (int i = 1; csv.length() < 6 << 20; i++) {
            csv.append(i)
                    .append(",City ")
                    .append(i % 97)
                    .append(',')
                    .append(i % 1000)
                    .append(".25\n");
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        // well past the 1 MiB a preview needs: the client may hold back what it read last until more comes
        int firstPart = 3 << 20;
        CountDownLatch rest = new CountDownLatch(1);
        InputStream body = new SequenceInputStream(new ByteArrayInputStream(bytes, 0, firstPart), new InputStream() {
            private final InputStream tail = new ByteArrayInputStream(bytes, firstPart, bytes.length - firstPart);

            @Override
            public int read() throws IOException {
                awaitRest();
                return tail.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                awaitRest();
                return tail.read(buffer, offset, length);
            }

            private void awaitRest() throws IOException {
                try {
                    rest.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        });
        CompletableFuture<HttpResponse<String>> upload = HttpClient.newHttpClient()
                .sendAsync(
                        dana.request("/api/datasets?name=arriving")
                                .header("Content-Type", "text/csv")
                                .POST(HttpRequest.BodyPublishers.fromPublisher(
                                        HttpRequest.BodyPublishers.ofInputStream(() -> body), bytes.length))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        try {
            String id = awaitListed(dana, "arriving");
            JsonNode rows = awaitPreview(dana, id);
            assertThat(rows.get("rows").size()).isEqualTo(1000);
            assertThat(rows.get("rows").get(999).get(0).asLong()).isEqualTo(1000);
            assertThat(dana.getJson("/api/datasets/" + id).get("status").asString())
                    .isEqualTo("uploading");

            rest.countDown();
            HttpResponse<String> accepted = upload.get(60, TimeUnit.SECONDS);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            assertThat(QuarryApi.JSON.readTree(accepted.body()).get("id").asString())
                    .isEqualTo(id);
            assertThat(dana.awaitFinished(id).get("rowCount").asLong())
                    .isEqualTo(csv.chars().filter(c -> c == '\n').count() - 1);
        } finally {
            rest.countDown();
        }
    }

    /** The id of the caller's dataset of that name once the list shows it uploading. */
    private static String awaitListed(QuarryApi api, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (JsonNode item : api.getJson("/api/datasets")) {
                if (item.get("name").asString().equals(name)) {
                    assertThat(item.get("status").asString()).isEqualTo("uploading");
                    return item.get("id").asString();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the list never showed " + name);
    }

    /** The first page once the part that has arrived is enough for a preview. */
    private static JsonNode awaitPreview(QuarryApi api, String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> page = api.get("/api/datasets/" + id + "/rows?limit=1000");
            if (page.statusCode() == 200) {
                JsonNode rows = QuarryApi.JSON.readTree(page.body());
                assertThat(rows.get("preview").asBoolean()).isTrue();
                return rows;
            }
            assertThat(page.statusCode()).as(page.body()).isEqualTo(409);
            Thread.sleep(100);
        }
        throw new AssertionError("no preview of " + id);
    }

    @Test
    void anotherUserGetsNotFoundOnEveryRoute() throws Exception {
        QuarryApi alice = user("alice");
        QuarryApi bob = user("bob");
        String id = alice.ingest("private", TRIPS);
        HttpResponse<String> unknown = bob.get("/api/datasets/nosuchdataset");

        List<HttpResponse<String>> answers = List.of(
                bob.get("/api/datasets/" + id),
                bob.get("/api/datasets/" + id + "/rows"),
                bob.get("/api/datasets/" + id + "/rejects"),
                bob.send(bob.request("/api/datasets/" + id + "/progress")
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build()),
                bob.get("/api/datasets/" + id + "/profile"),
                bob.get("/api/datasets/" + id + "/export"),
                bob.get("/api/datasets/" + id + "/fields"),
                bob.send("POST", "/api/datasets/" + id + "/query", Map.of("workflow", List.of())),
                bob.get("/api/datasets/" + id + "/charts"),
                bob.send("POST", "/api/datasets/" + id + "/charts", Map.of("name", "stolen", "spec", List.of())),
                bob.send("PATCH", "/api/datasets/" + id, Map.of("name", "mine now")),
                bob.delete("/api/datasets/" + id));

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(404));
        JsonNode problem = QuarryApi.JSON.readTree(answers.getFirst().body());
        assertThat(problem.get("code").asString()).isEqualTo("DATASET_NOT_FOUND");
        assertThat(problem.get("detail").asString()).isEqualTo("There is no dataset with the id " + id + ".");
        assertThat(bob.getJson("/api/datasets").toString()).doesNotContain(id);

        assertThat(alice.getJson("/api/datasets/" + id).get("name").asString()).isEqualTo("private");
        assertThat(admin().getJson("/api/datasets/" + id).get("name").asString())
                .isEqualTo("private");
        JsonNode listedForAdmin = find(admin().getJson("/api/datasets"), id);
        assertThat(listedForAdmin)
                .as("an admin's list holds every user's datasets")
                .isNotNull();
        assertThat(listedForAdmin.get("owner").asString()).isEqualTo("alice");
        assertThat(find(alice.getJson("/api/datasets"), id).get("owner").asString())
                .isEqualTo("alice");
    }

    private static @Nullable JsonNode find(JsonNode list, String id) {
        for (JsonNode item : list) {
            if (item.get("id").asString().equals(id)) {
                return item;
            }
        }
        return null;
    }

    static long directorySize(Path directory) throws Exception {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (var paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile)
                    .mapToLong(path -> path.toFile().length())
                    .sum();
        }
    }
}
