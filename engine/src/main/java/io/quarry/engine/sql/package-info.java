/** The only place SQL text is built: identifiers through one quoting function, values as literals or parameters. */
@NullMarked
package io.quarry.engine.sql;

import org.jspecify.annotations.NullMarked;
