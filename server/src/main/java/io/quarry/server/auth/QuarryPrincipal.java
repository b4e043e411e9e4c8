package io.quarry.server.auth;

import java.util.Objects;

/**
 * Who is calling: the principal of every authenticated request, whether it came with a session cookie or an API
 * token. Controllers take it with {@code @AuthenticationPrincipal QuarryPrincipal user}.
 *
 * @param id the user's id in the metadata store
 */
public record QuarryPrincipal(long id, String username, boolean admin) {

    public QuarryPrincipal {
        Objects.requireNonNull(username);
    }
}
