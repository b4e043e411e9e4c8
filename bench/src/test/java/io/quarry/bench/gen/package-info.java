/** Tests of the deterministic CSV generator. */
@NullMarked
package io.quarry.bench.gen;

import org.jspecify.annotations.NullMarked;
