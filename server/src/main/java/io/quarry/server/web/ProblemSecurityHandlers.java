package io.quarry.server.web;

import io.quarry.server.ServerError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/** Spring Security's 401 (no session or token) and 403 (role too low, CSRF token missing) in the problem shape. */
final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String UNAUTHENTICATED_DETAIL =
            "Log in first (POST /api/auth/login), or send an API token in the Authorization header.";
    static final String FORBIDDEN_DETAIL = "Your account may not do this; it needs the admin role.";
    static final String CSRF_DETAIL = "This request needs a CSRF token: send the value of the XSRF-TOKEN cookie"
            + " in the X-XSRF-TOKEN header, or authenticate with an API token instead of the session cookie.";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException error)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"quarry\"");
        Problems.write(request, response, ServerError.UNAUTHENTICATED, UNAUTHENTICATED_DETAIL);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException error)
            throws IOException {
        if (error instanceof CsrfException) {
            Problems.write(request, response, ServerError.CSRF_TOKEN_INVALID, CSRF_DETAIL);
        } else {
            Problems.write(request, response, ServerError.FORBIDDEN, FORBIDDEN_DETAIL);
        }
    }
}
