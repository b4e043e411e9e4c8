package io.quarry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The peak resident set size of this process, from {@code /proc/self/status} (Linux only). */
final class PeakRss {

    private static final Path STATUS = Path.of("/proc/self/status");

    private PeakRss() {}

    /** VmHWM in MiB, or -1 where {@code /proc} is missing. */
    static double megabytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    String kilobytes =
                            line.substring("VmHWM:".length()).replace("kB", "").trim();
                    return Long.parseLong(kilobytes) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
