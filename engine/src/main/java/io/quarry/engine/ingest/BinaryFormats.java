package io.quarry.engine.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Names the common binary files that people upload by mistake, from first bytes that no CSV starts with (other binary
 * files are caught by their NUL bytes).
 */
final class BinaryFormats {

    private record Signature(byte[] magic, String description) {}

    private static final List<Signature> SIGNATURES = List.of(
            signature("\u0089PNG\r\n\u001a\n", "a PNG image"),
            signature("\u00ff\u00d8\u00ff", "a JPEG image"),
            signature("GIF87a", "a GIF image"),
            signature("GIF89a", "a GIF image"),
            signature("%PDF-", "a PDF document"),
            signature("PK\u0003\u0004", "a ZIP archive (an .xlsx or .docx file is one)"),
            signature("\u00d0\u00cf\u0011\u00e0\u00a1\u00b1\u001a\u00e1", "an old Office document (.xls or .doc)"),
            signature("\u007fELF", "a program (ELF)"),
            signature("SQLite format 3\u0000", "an SQLite database"),
            signature("7z\u00bc\u00af\u0027\u001c", "a 7-Zip archive"),
            signature("\u00fd7zXZ\u0000", "an xz archive"));

    private BinaryFormats() {}

    /** A description such as "a PNG image" when {@code start} begins like a known binary format. */
    static Optional<String> recognise(byte[] start) {
        for (Signature signature : SIGNATURES) {
            byte[] magic = signature.magic();
            if (start.length >= magic.length && Arrays.equals(start, 0, magic.length, magic, 0, magic.length)) {
                return Optional.of(signature.description());
            }
        }
        return Optional.empty();
    }

    private static Signature signature(String latin1, String description) {
        return new Signature(latin1.getBytes(StandardCharsets.ISO_8859_1), description);
    }
}
