/** Settings of the server and the engine bean built from them. */
@NullMarked
package io.quarry.server.system;

import org.jspecify.annotations.NullMarked;
