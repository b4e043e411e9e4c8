package io.quarry.server.dataset;

import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;

/** The rules of a dataset name, checked when a request names one (the engine checks them again). */
public final class DatasetNames {

    public static final int MAX_LENGTH = 200;

    private DatasetNames() {}

    /** @return the name without surrounding blanks */
    public static String check(String name) {
        String stripped = name.strip();
        if (stripped.isEmpty()) {
            throw new QuarryException(EngineError.INVALID_NAME, "A dataset needs a name.");
        }
        if (stripped.length() > MAX_LENGTH) {
            throw new QuarryException(
                    EngineError.INVALID_NAME, "A dataset name can have at most " + MAX_LENGTH + " characters.");
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            throw new QuarryException(EngineError.INVALID_NAME, "A dataset name cannot hold control characters.");
        }
        return stripped;
    }
}
