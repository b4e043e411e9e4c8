/** The {@code quarry} command line: one picocli command per subcommand, plain text or JSON on standard output. */
@NullMarked
package io.quarry.server.cli;

import org.jspecify.annotations.NullMarked;
