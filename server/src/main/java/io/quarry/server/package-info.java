/** The Quarry server module: the command line, the Spring Boot application and the codes it adds to the engine's. */
@NullMarked
package io.quarry.server;

import org.jspecify.annotations.NullMarked;
