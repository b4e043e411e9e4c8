/**
 * Reading CSV files exactly: source decoding, dialect sniffing, a streaming record reader, whole-file type inference,
 * the reject log and the canonical copy the storage layer loads.
 */
@NullMarked
package io.quarry.engine.ingest;

import org.jspecify.annotations.NullMarked;
