/** A deterministic generator of realistic mixed-type CSV files (trip / sales records) for benchmarks and tests. */
@NullMarked
package io.quarry.bench.gen;

import org.jspecify.annotations.NullMarked;
