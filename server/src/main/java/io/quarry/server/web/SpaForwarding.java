package io.quarry.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The single-page app's own routes ({@code /datasets/42}) reload in the browser: a GET for HTML on a path that is
 * not the API, Actuator or a file (no dot in its last segment) is forwarded to {@code /index.html}. API paths never
 * are, so an unknown API route stays a 404 problem.
 */
@Component
final class SpaForwarding extends OncePerRequestFilter {

    private static final String INDEX = "/index.html";

    private final boolean hasIndex = new ClassPathResource("static" + INDEX).exists();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return !hasIndex
                || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                || accept == null
                || !accept.contains(MediaType.TEXT_HTML_VALUE)
                || path.equals("/")
                || path.equals("/api")
                || path.startsWith("/api/")
                || path.startsWith("/actuator")
                || path.startsWith("/error")
                || path.substring(path.lastIndexOf('/') + 1).contains(".");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.getRequestDispatcher(INDEX).forward(request, response);
    }
}
