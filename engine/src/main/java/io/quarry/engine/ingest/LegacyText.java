package io.quarry.engine.ingest;

/**
 * Checks UTF-8 and decodes Windows-1252, the legacy 8-bit encoding spreadsheets on Windows write. Bytes that
 * Windows-1252 leaves undefined map to the C1 control with the same number, as Latin-1 does, so no byte is lost.
 */
final class LegacyText {

    private static final char[] CP1252_HIGH = {
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178'
    };

    private LegacyText() {}

    /** Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. */
    static boolean isValidUtf8(byte[] b, int start, int end) {
        int p = start;
        while (p < end) {
            int c = b[p] & 0xff;
            if (c < 0x80) {
                p++;
                continue;
            }
            int needed;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                needed = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                needed = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                needed = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (p + needed >= end) {
                return false;
            }
            int code = c & (0x3F >> needed);
            for (int i = 1; i <= needed; i++) {
                int next = b[p + i] & 0xff;
                if ((next & 0xC0) != 0x80) {
                    return false;
                }
                code = (code << 6) | (next & 0x3F);
            }
            if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
                return false;
            }
            p += needed + 1;
        }
        return true;
    }

    static String decodeWindows1252(byte[] b, int start, int end) {
        char[] chars = new char[end - start];
        for (int i = 0; i < chars.length; i++) {
            int c = b[start + i] & 0xff;
            chars[i] = c >= 0x80 && c < 0xA0 ? CP1252_HIGH[c - 0x80] : (char) c;
        }
        return new String(chars);
    }
}
