/** Browser tests: the web UI driven in headless Chromium against the real server. */
@NullMarked
package io.quarry.server.e2e;

import org.jspecify.annotations.NullMarked;
