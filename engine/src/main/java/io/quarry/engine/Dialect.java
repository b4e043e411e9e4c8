package io.quarry.engine;

/**
 * How a file was read.
 *
 * @param delimiter the field separator
 * @param quote the quote character
 * @param escape the character that escapes a quote inside a quoted field (the quote itself for RFC 4180)
 * @param header whether the first record (after any preamble) holds column names
 * @param encoding the character set the bytes were decoded with, e.g. {@code UTF-8} or {@code windows-1252}
 * @param lineEnding {@code LF}, {@code CRLF}, {@code CR} or {@code mixed}
 */
public record Dialect(char delimiter, char quote, char escape, boolean header, String encoding, String lineEnding) {}
