/** Uploads: a streamed request body or a resumable tus upload, written to the data directory as it arrives. */
@NullMarked
package io.quarry.server.upload;

import org.jspecify.annotations.NullMarked;
