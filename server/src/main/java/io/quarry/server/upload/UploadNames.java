package io.quarry.server.upload;

import io.quarry.server.dataset.DatasetNames;

/**
 * Dataset names made from the file name a client sends (a multipart {@code filename}, tus {@code Upload-Metadata}).
 * That name is only ever a label: the bytes are stored under the dataset's id, so a name like {@code ../../etc/passwd}
 * reaches no path; it is still cut to its last segment and cleaned, so that the label reads well.
 */
final class UploadNames {

    static final String UNTITLED = "Untitled";

    private UploadNames() {}

    /**
     * The last path segment of {@code filename}, without control characters, cut (between characters, never inside a
     * surrogate pair) to as long as a name may be.
     */
    static String fromFilename(String filename) {
        String last = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        for (int c : last.codePoints()
                .filter(point -> !Character.isISOControl(point))
                .toArray()) {
            if (clean.length() + Character.charCount(c) > DatasetNames.MAX_LENGTH) {
                break;
            }
            clean.appendCodePoint(c);
        }
        String name = clean.toString().strip();
        return name.isEmpty() || name.equals(".") || name.equals("..") ? UNTITLED : name;
    }
}
