/** Ingest jobs: a bounded queue that turns stored uploads into datasets, and their progress as server-sent events. */
@NullMarked
package io.quarry.server.job;

import org.jspecify.annotations.NullMarked;
