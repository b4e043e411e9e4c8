/** Datasets: their metadata, who may see them, and the REST API that lists, reads, renames and deletes them. */
@NullMarked
package io.quarry.server.dataset;

import org.jspecify.annotations.NullMarked;
