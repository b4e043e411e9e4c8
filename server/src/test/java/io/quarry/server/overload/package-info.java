/** Overload tests: runaway queries against deliberately small limits, and hostile CSV headers end to end. */
@NullMarked
package io.quarry.server.overload;

import org.jspecify.annotations.NullMarked;
