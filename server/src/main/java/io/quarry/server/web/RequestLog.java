package io.quarry.server.web;

import io.quarry.server.auth.QuarryPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per request on the logger {@code quarry.requests}: method, path (never the query string, which can
 * hold users' filter values), status, duration, user and client address, as MDC fields next to the request id, so a
 * structured log format ({@code logging.structured.format.console=ecs} or {@code logstash}) turns them into JSON
 * fields. Static files of the web app are left out unless they fail; health checks log at debug level.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public final class RequestLog extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger("quarry.requests");
    private static final String USER = RequestLog.class.getName() + ".user";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            log(request, response.getStatus(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    private static void log(HttpServletRequest request, int status, long millis) {
        String path = request.getRequestURI();
        boolean api = path.startsWith("/api/") || path.startsWith("/actuator");
        if (!api && status < 400) {
            return;
        }
        boolean health = path.startsWith("/actuator/health");
        if (health ? !LOG.isDebugEnabled() : !LOG.isInfoEnabled()) {
            return;
        }
        Map<String, String> fields = Map.of(
                "http.method", request.getMethod(),
                "url.path", path,
                "http.status", String.valueOf(status),
                "duration.ms", String.valueOf(millis),
                "user.name", request.getAttribute(USER) instanceof String user ? user : "",
                "client.address", String.valueOf(request.getRemoteAddr()));
        fields.forEach(MDC::put);
        try {
            String line = request.getMethod() + " " + path + " " + status + " " + millis + " ms";
            if (health) {
                LOG.debug(line);
            } else {
                LOG.info(line);
            }
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }

    /** Notes who made the request, once security has authenticated it; runs inside the security filter chain. */
    static final class NoteUser extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof QuarryPrincipal user) {
                request.setAttribute(USER, user.username());
            }
            chain.doFilter(request, response);
        }
    }
}
