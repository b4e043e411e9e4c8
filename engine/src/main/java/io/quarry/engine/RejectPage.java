package io.quarry.engine;

import java.util.List;

/** A page of a dataset's reject log, in line order. */
public record RejectPage(List<Reject> rejects, long offset, int limit, long total) {

    public RejectPage {
        rejects = List.copyOf(rejects);
    }
}
