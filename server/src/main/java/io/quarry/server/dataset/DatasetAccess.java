package io.quarry.server.dataset;

import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;
import io.quarry.server.auth.QuarryPrincipal;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Who may see a dataset: its owner and admins. Anyone else gets not-found, exactly as for an id that does not exist,
 * so ids cannot be probed. Every dataset route (rows, profile, export, charts) looks datasets up here.
 */
@Component
public final class DatasetAccess {

    private final DatasetStore store;

    DatasetAccess(DatasetStore store) {
        this.store = store;
    }

    public DatasetRecord requireVisible(QuarryPrincipal user, String id) {
        return store.find(id)
                .filter(record -> user.admin() || record.ownerId() == user.id())
                .orElseThrow(() -> new QuarryException(
                        EngineError.DATASET_NOT_FOUND, "There is no dataset with the id " + id + "."));
    }

    /**
     * A visible dataset that is ready; else {@code DATASET_NOT_READY}, saying what can be done once it is.
     *
     * @param onceReady the end of the sentence for a dataset still in the works, e.g. "its rows can be read once it
     *     is ready"
     * @return its engine id
     */
    public String requireReady(QuarryPrincipal user, String id, String onceReady) {
        return Objects.requireNonNull(requireReadyRecord(user, id, onceReady).engineId());
    }

    /** As {@link #requireReady}, answering the dataset's record. */
    public DatasetRecord requireReadyRecord(QuarryPrincipal user, String id, String onceReady) {
        DatasetRecord record = requireVisible(user, id);
        if (record.status() != DatasetStatus.READY || record.engineId() == null) {
            throw new QuarryException(
                    DatasetError.DATASET_NOT_READY,
                    "The dataset \"" + record.name() + "\" is "
                            + record.status().wire()
                            + (record.status() == DatasetStatus.FAILED
                                    ? "; upload the file again."
                                    : "; " + onceReady + "."));
        }
        return record;
    }
}
