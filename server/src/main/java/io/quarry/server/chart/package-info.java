/**
 * Charts: the field list and the chart query route that Graphic Walker's server-computation mode calls; payloads are
 * mapped to the engine's {@code Workflow}, answered once per identical payload and dataset version, and cached.
 */
@NullMarked
package io.quarry.server.chart;

import org.jspecify.annotations.NullMarked;
