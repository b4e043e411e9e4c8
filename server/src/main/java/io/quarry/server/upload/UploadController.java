package io.quarry.server.upload;

import io.quarry.engine.QuarryException;
import io.quarry.server.auth.QuarryPrincipal;
import io.quarry.server.dataset.DatasetError;
import io.quarry.server.dataset.DatasetNames;
import io.quarry.server.dataset.DatasetRecord;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.tomcat.util.http.fileupload.FileItemIterator;
import org.apache.tomcat.util.http.fileupload.FileItemStream;
import org.apache.tomcat.util.http.fileupload.FileUpload;
import org.apache.tomcat.util.http.fileupload.FileUploadException;
import org.apache.tomcat.util.http.fileupload.servlet.ServletRequestContext;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/datasets}: the file as the raw request body, or as the multipart field {@code file}. The body is
 * read as a stream straight to disk (Spring's multipart support is off, so nothing parses it first).
 */
@RestController
class UploadController {

    private static final int MAX_FIELD_CHARS = 1000;
    private static final int MAX_PART_HEADER_BYTES = 16 * 1024;

    private final UploadService uploads;

    UploadController(UploadService uploads) {
        this.uploads = uploads;
    }

    /** @param sha256 the SHA-256 of the stored bytes, in lower-case hex */
    record Accepted(String id, String status, String sha256) {}

    @PostMapping("/api/datasets")
    ResponseEntity<Accepted> upload(@AuthenticationPrincipal QuarryPrincipal user, HttpServletRequest request)
            throws IOException {
        // Take the stream before anything reads parameters, so the container never parses the body.
        InputStream body = request.getInputStream();
        String name = request.getParameter("name");
        String contentType = request.getContentType();
        UploadService.Received created;
        try {
            if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                uploads.requireRoomFor(request.getContentLengthLong());
                created = receiveMultipart(user, request, name);
            } else {
                created = uploads.receive(
                        user.id(), DatasetNames.check(name == null ? "" : name), body, request.getContentLengthLong());
            }
        } catch (QuarryException e) {
            throw BodyReadFailures.answer(request, e);
        }
        DatasetRecord dataset = created.dataset();
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new Accepted(dataset.id(), dataset.status().wire(), created.sha256()));
    }

    private UploadService.Received receiveMultipart(
            QuarryPrincipal user, HttpServletRequest request, @Nullable String name) throws IOException {
        FileUpload parser = new FileUpload();
        parser.setSizeMax(-1);
        parser.setFileSizeMax(-1);
        // browsers send a file name in UTF-8, whatever the request's own encoding; and a long one (the default part
        // header limit, 512 bytes, refuses names past about 400 characters)
        parser.setHeaderEncoding(StandardCharsets.UTF_8.name());
        parser.setPartHeaderSizeMax(MAX_PART_HEADER_BYTES);
        try {
            FileItemIterator items = parser.getItemIterator(new ServletRequestContext(request));
            while (items.hasNext()) {
                FileItemStream item = items.next();
                if (item.isFormField()) {
                    if ("name".equals(item.getFieldName()) && name == null) {
                        name = readField(item);
                    }
                } else if ("file".equals(item.getFieldName())) {
                    String chosen = name != null
                            ? DatasetNames.check(name)
                            : UploadNames.fromFilename(item.getName() == null ? "" : item.getName());
                    try (InputStream file = item.openStream()) {
                        return uploads.receive(user.id(), chosen, file, -1);
                    }
                }
            }
        } catch (FileUploadException e) {
            throw new QuarryException(
                    DatasetError.UPLOAD_INVALID,
                    "The multipart body could not be read: send the file in the field \"file\".");
        }
        throw new QuarryException(
                DatasetError.UPLOAD_INVALID, "The multipart body has no field \"file\"; send the file in it.");
    }

    private static String readField(FileItemStream item) throws IOException {
        try (InputStream in = item.openStream()) {
            byte[] bytes = in.readNBytes(MAX_FIELD_CHARS * 4);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
