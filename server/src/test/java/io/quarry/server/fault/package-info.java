/** Fault tests: the real jar killed, restarted and cut off mid-request. */
@NullMarked
package io.quarry.server.fault;

import org.jspecify.annotations.NullMarked;
