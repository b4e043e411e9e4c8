package io.quarry.server.upload;

import io.quarry.engine.QuarryException;
import io.quarry.server.auth.QuarryPrincipal;
import io.quarry.server.dataset.DatasetError;
import io.quarry.server.dataset.DatasetNames;
import io.quarry.server.upload.TusUploadStore.TusUpload;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Resumable uploads, tus 1.0.0 with the creation and termination extensions. When the last byte arrives the upload
 * becomes a dataset with the same id, and its ingest is queued.
 */
@RestController
@RequestMapping("/api/uploads")
class TusController {

    static final String VERSION = "1.0.0";
    static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";
    private static final Logger LOG = LoggerFactory.getLogger(TusController.class);

    private final TusUploadStore store;
    private final UploadFiles files;
    private final UploadService uploads;
    private final UploadProperties properties;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    TusController(TusUploadStore store, UploadFiles files, UploadService uploads, UploadProperties properties) {
        this.store = store;
        this.files = files;
        this.uploads = uploads;
        this.properties = properties;
    }

    record UploadView(
            String id,
            String name,
            String filename,
            long length,
            long offset,
            @Nullable String datasetId) {}

    @RequestMapping(method = RequestMethod.OPTIONS)
    ResponseEntity<Void> options() {
        return ResponseEntity.noContent()
                .header("Tus-Resumable", VERSION)
                .header("Tus-Version", VERSION)
                .header("Tus-Extension", "creation,termination")
                .header("Tus-Max-Size", String.valueOf(properties.maxSize().toBytes()))
                .build();
    }

    @PostMapping
    ResponseEntity<Void> create(
            @AuthenticationPrincipal QuarryPrincipal user,
            @RequestHeader(name = "Tus-Resumable", required = false) @Nullable String resumable,
            @RequestHeader(name = "Upload-Length", required = false) @Nullable String length,
            @RequestHeader(name = "Upload-Metadata", required = false) @Nullable String metadata) {
        requireVersion(resumable);
        long size = parseLength(length);
        Map<String, String> meta = parseMetadata(metadata);
        String filename = meta.getOrDefault("filename", "");
        String name =
                meta.containsKey("name") ? DatasetNames.check(meta.get("name")) : UploadNames.fromFilename(filename);
        uploads.allowance(user.id(), size, store.pendingBytes(user.id()));
        uploads.requireRoomFor(size);
        String id = uploads.newId();
        store.insert(id, user.id(), name, filename.length() > 500 ? filename.substring(0, 500) : filename, size);
        files.create(id);
        uploads.startResumable(id, user.id(), name);
        if (size == 0) {
            finish(store.find(id).orElseThrow(), 0);
        }
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{id}")
                .buildAndExpand(id)
                .toUri();
        return ResponseEntity.created(location)
                .header("Tus-Resumable", VERSION)
                .header("Upload-Offset", "0")
                .build();
    }

    @RequestMapping(path = "/{id}", method = RequestMethod.HEAD)
    ResponseEntity<Void> head(@AuthenticationPrincipal QuarryPrincipal user, @PathVariable String id) {
        TusUpload upload = requireUpload(user, id);
        return ResponseEntity.ok()
                .header("Tus-Resumable", VERSION)
                .header("Upload-Offset", String.valueOf(offset(upload)))
                .header("Upload-Length", String.valueOf(upload.length()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @GetMapping("/{id}")
    UploadView describe(@AuthenticationPrincipal QuarryPrincipal user, @PathVariable String id) {
        TusUpload upload = requireUpload(user, id);
        return new UploadView(
                upload.id(), upload.name(), upload.filename(), upload.length(), offset(upload), upload.datasetId());
    }

    @PatchMapping("/{id}")
    ResponseEntity<Void> append(
            @AuthenticationPrincipal QuarryPrincipal user,
            @PathVariable String id,
            @RequestHeader(name = "Tus-Resumable", required = false) @Nullable String resumable,
            @RequestHeader(name = "Upload-Offset", required = false) @Nullable String offsetHeader,
            HttpServletRequest request)
            throws IOException {
        InputStream body = request.getInputStream();
        requireVersion(resumable);
        String contentType = request.getContentType();
        if (contentType == null || !contentType.startsWith(OFFSET_OCTET_STREAM)) {
            return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .header("Tus-Resumable", VERSION)
                    .build();
        }
        TusUpload upload = requireUpload(user, id);
        ReentrantLock lock = locks.computeIfAbsent(id, key -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new QuarryException(
                    DatasetError.UPLOAD_OFFSET_MISMATCH, "Another request is writing to this upload; try again.");
        }
        try {
            long current = offset(upload);
            long claimed = parseOffset(offsetHeader);
            if (upload.datasetId() != null || claimed != current) {
                throw new QuarryException(
                        DatasetError.UPLOAD_OFFSET_MISMATCH,
                        "The upload is at byte " + current + ", not " + claimed + "; ask for its offset with HEAD.");
            }
            uploads.requireRoomFor(upload.length() - current);
            long size;
            try {
                long[] reported = {0};
                size = files.append(id, body, upload.length(), total -> {
                    long now = System.nanoTime();
                    if (now - reported[0] >= 200_000_000L) {
                        reported[0] = now;
                        uploads.resumed(id, total, upload.length());
                    }
                });
            } catch (UploadFiles.LimitExceeded e) {
                throw new QuarryException(
                        DatasetError.UPLOAD_INVALID,
                        "The upload was declared with " + upload.length() + " bytes; this request sends more.");
            } catch (UploadFiles.DiskFull e) {
                LOG.warn("Upload {} paused at byte {}: the disk is (nearly) full", id, files.size(id));
                throw uploads.diskFilledUp();
            } catch (IOException e) {
                long stored = files.size(id);
                LOG.info("Upload {} paused at byte {}: {}", id, stored, e.getMessage());
                throw BodyReadFailures.answer(
                        request,
                        new QuarryException(
                                DatasetError.UPLOAD_INVALID,
                                "The request body ended after " + Sizes.format(stored - current)
                                        + " of the bytes it was sent with; the upload keeps them and is at byte "
                                        + stored + ". Ask for its offset with HEAD and send the rest."));
            }
            uploads.received(size - current);
            if (size == upload.length()) {
                finish(upload, size);
            }
            return ResponseEntity.noContent()
                    .header("Tus-Resumable", VERSION)
                    .header("Upload-Offset", String.valueOf(size))
                    .build();
        } finally {
            lock.unlock();
        }
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> terminate(
            @AuthenticationPrincipal QuarryPrincipal user,
            @PathVariable String id,
            @RequestHeader(name = "Tus-Resumable", required = false) @Nullable String resumable) {
        requireVersion(resumable);
        TusUpload upload = requireUpload(user, id);
        store.delete(id);
        if (upload.datasetId() == null) {
            files.delete(id);
            uploads.abandonResumable(id);
        }
        locks.remove(id);
        return ResponseEntity.noContent().header("Tus-Resumable", VERSION).build();
    }

    private void finish(TusUpload upload, long size) {
        uploads.queue(upload.id(), upload.ownerId(), upload.name(), size);
        store.complete(upload.id(), upload.id());
        LOG.info("Resumable upload {} complete: {} bytes", upload.id(), size);
    }

    private long offset(TusUpload upload) {
        return upload.datasetId() != null ? upload.length() : files.size(upload.id());
    }

    private TusUpload requireUpload(QuarryPrincipal user, String id) {
        return store.find(id)
                .filter(upload -> user.admin() || upload.ownerId() == user.id())
                .orElseThrow(() -> new QuarryException(
                        DatasetError.UPLOAD_NOT_FOUND, "There is no upload with the id " + id + "."));
    }

    private static void requireVersion(@Nullable String resumable) {
        if (resumable != null && !VERSION.equals(resumable)) {
            throw new QuarryException(
                    DatasetError.UPLOAD_INVALID, "This server speaks tus " + VERSION + ", not " + resumable + ".");
        }
    }

    private static long parseLength(@Nullable String length) {
        if (length == null) {
            throw new QuarryException(
                    DatasetError.UPLOAD_INVALID,
                    "A resumable upload needs an Upload-Length header (deferred lengths" + " are not supported).");
        }
        try {
            long value = Long.parseLong(length.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new QuarryException(
                DatasetError.UPLOAD_INVALID, "Upload-Length must be a byte count, not " + length + ".");
    }

    private static long parseOffset(@Nullable String offset) {
        if (offset == null) {
            throw new QuarryException(DatasetError.UPLOAD_INVALID, "A PATCH needs an Upload-Offset header.");
        }
        try {
            return Long.parseLong(offset.strip());
        } catch (NumberFormatException e) {
            throw new QuarryException(
                    DatasetError.UPLOAD_INVALID, "Upload-Offset must be a byte count, not " + offset + ".");
        }
    }

    /** Parses {@code key base64,key2 base64}; a key may come without a value. */
    static Map<String, String> parseMetadata(@Nullable String header) {
        Map<String, String> meta = new HashMap<>();
        if (header == null || header.isBlank()) {
            return meta;
        }
        for (String pair : header.split(",")) {
            String[] parts = pair.strip().split(" ", 2);
            if (parts[0].isEmpty()) {
                continue;
            }
            try {
                String value = parts.length == 2
                        ? new String(Base64.getDecoder().decode(parts[1].strip()), StandardCharsets.UTF_8)
                        : "";
                meta.put(parts[0], value);
            } catch (IllegalArgumentException e) {
                throw new QuarryException(
                        DatasetError.UPLOAD_INVALID, "The Upload-Metadata value of " + parts[0] + " is not base64.");
            }
        }
        return meta;
    }
}
