package io.quarry.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Cookie sessions: the HTTP session holds only the user's id and the credentials version it was made with. Each
 * request rebuilds its {@link QuarryPrincipal} from the user's current state (cached for a few seconds by
 * {@link Accounts}), so disabling a user, changing their role or their password takes effect on the next request.
 */
public final class SessionUserRepository implements SecurityContextRepository {

    static final String USER_ID = "quarry.user-id";
    static final String CREDENTIALS_VERSION = "quarry.credentials-version";

    private final Accounts accounts;

    SessionUserRepository(Accounts accounts) {
        this.accounts = accounts;
    }

    /** Starts a session for a user who just logged in, under a new session id (no fixation). */
    void startSession(HttpServletRequest request, User user) {
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            request.changeSessionId();
        }
        HttpSession session = request.getSession(true);
        remember(session, user);
    }

    /** Keeps the current session valid after its own user changed their password. */
    static void remember(HttpSession session, User user) {
        session.setAttribute(USER_ID, user.id());
        session.setAttribute(CREDENTIALS_VERSION, user.credentialsVersion());
    }

    static void endSession(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    static Authentication authentication(User user) {
        List<SimpleGrantedAuthority> authorities = user.admin()
                ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
        return UsernamePasswordAuthenticationToken.authenticated(user.principal(), null, authorities);
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        return new Deferred(() -> load(request));
    }

    @Override
    @Deprecated
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return load(holder.getRequest()).orElseGet(SecurityContextHolder::createEmptyContext);
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        // sessions are written only by a login (startSession); a context set by an API token is never saved
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(USER_ID) != null;
    }

    private Optional<SecurityContext> load(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        if (!(session.getAttribute(USER_ID) instanceof Long id)
                || !(session.getAttribute(CREDENTIALS_VERSION) instanceof Integer version)) {
            return Optional.empty();
        }
        Optional<User> user = accounts.findActiveUser(id).filter(found -> found.credentialsVersion() == version);
        if (user.isEmpty()) {
            session.removeAttribute(USER_ID);
            session.removeAttribute(CREDENTIALS_VERSION);
            return Optional.empty();
        }
        return Optional.of(new SecurityContextImpl(authentication(user.get())));
    }

    private static final class Deferred implements DeferredSecurityContext {

        private final Supplier<Optional<SecurityContext>> loader;
        private @Nullable SecurityContext context;
        private boolean generated;

        Deferred(Supplier<Optional<SecurityContext>> loader) {
            this.loader = loader;
        }

        @Override
        public SecurityContext get() {
            if (context == null) {
                Optional<SecurityContext> loaded = loader.get();
                generated = loaded.isEmpty();
                context = loaded.orElseGet(SecurityContextHolder::createEmptyContext);
            }
            return context;
        }

        @Override
        public boolean isGenerated() {
            get();
            return generated;
        }
    }
}
