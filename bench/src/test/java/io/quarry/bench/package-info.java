/** Tests of the ingest benchmark, the end-to-end smoke run included. */
@NullMarked
package io.quarry.bench;

import org.jspecify.annotations.NullMarked;
