package io.quarry.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarry.engine.QuarryException;
import io.quarry.server.ServerError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Log in and out with a cookie session, see who you are, change your own password. */
@RestController
@RequestMapping("/api/auth")
final class AuthController {

    private final Accounts accounts;
    private final SessionUserRepository sessions;
    private final LoginRateLimiter limiter;
    private final CsrfTokenRepository csrfTokens;

    AuthController(
            Accounts accounts,
            SessionUserRepository sessions,
            LoginRateLimiter limiter,
            CsrfTokenRepository csrfTokens) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.limiter = limiter;
        this.csrfTokens = csrfTokens;
    }

    record LoginRequest(@Nullable String username, @Nullable String password) {}

    record PasswordChange(
            @Nullable String current,
            @JsonProperty("new") @Nullable String newPassword) {}

    @PostMapping("/login")
    QuarryPrincipal login(@RequestBody LoginRequest login, HttpServletRequest request, HttpServletResponse response) {
        String username = required(login.username(), "username");
        String password = required(login.password(), "password");
        String address = request.getRemoteAddr();
        limiter.checkAllowed(username, address);
        Optional<User> user = accounts.authenticate(username, password);
        if (user.isEmpty()) {
            limiter.recordFailure(username, address);
            throw new QuarryException(
                    ServerError.LOGIN_FAILED, "The username or the password is wrong, or the account is disabled.");
        }
        limiter.recordSuccess(username);
        sessions.startSession(request, user.get());
        // a new CSRF token with the new session, so that one planted before the login is worthless
        csrfTokens.saveToken(csrfTokens.generateToken(request), request, response);
        return user.get().principal();
    }

    @PostMapping("/logout")
    ResponseEntity<Void> logout(HttpServletRequest request) {
        SessionUserRepository.endSession(request);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me")
    QuarryPrincipal me(@AuthenticationPrincipal QuarryPrincipal user) {
        return user;
    }

    /** Changes the caller's password; their other sessions stop working, this one goes on. */
    @PostMapping("/password")
    ResponseEntity<Void> changePassword(
            @AuthenticationPrincipal QuarryPrincipal user,
            @RequestBody PasswordChange change,
            HttpServletRequest request) {
        String current = required(change.current(), "current");
        String newPassword = required(change.newPassword(), "new");
        String address = request.getRemoteAddr();
        limiter.checkAllowed(user.username(), address);
        User changed;
        try {
            changed = accounts.changeOwnPassword(user.id(), current, newPassword);
        } catch (QuarryException e) {
            if (e.code() == ServerError.WRONG_CURRENT_PASSWORD) {
                limiter.recordFailure(user.username(), address);
            }
            throw e;
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SessionUserRepository.USER_ID) != null) {
            SessionUserRepository.remember(session, changed);
        }
        return ResponseEntity.noContent().build();
    }

    static String required(@Nullable String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new QuarryException(ServerError.INVALID_REQUEST, "The field " + field + " is required.");
        }
        return value;
    }
}
