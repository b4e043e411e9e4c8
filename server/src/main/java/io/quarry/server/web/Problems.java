package io.quarry.server.web;

import io.micrometer.core.instrument.Metrics;
import io.quarry.engine.ErrorCode;
import io.quarry.engine.ErrorKind;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one error shape of the API (RFC 9457, {@code application/problem+json}): {@code type}, {@code title},
 * {@code status}, {@code detail}, {@code instance}, {@code code}, then members of the code ({@code errors}, ...).
 */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {}

    /** The HTTP status of a kind of error. */
    public static int status(ErrorKind kind) {
        return switch (kind) {
            case INVALID_REQUEST -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case INSUFFICIENT_STORAGE -> 507;
            case UNPROCESSABLE, LIMIT_EXCEEDED -> 422;
            case RATE_LIMITED -> 429;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
    }

    /** {@code /docs/errors#csv-ragged-row} for {@code CSV_RAGGED_ROW}. */
    public static String type(ErrorCode code) {
        return "/docs/errors#" + code.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The body of a problem, members in the order of the docs; counted in {@code quarry.errors} by code. */
    public static Map<String, Object> body(
            int status, ErrorCode code, String detail, String instance, Map<String, ?> members) {
        Metrics.counter("quarry.errors", "code", code.name()).increment();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type(code));
        body.put("title", code.title());
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        body.put("code", code.name());
        body.putAll(members);
        return body;
    }

    /** The path a problem is about: the original one when Boot's error page is answering for it. */
    public static String instance(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return original instanceof String uri ? uri : request.getRequestURI();
    }

    /** Writes a problem straight to the response, for filters and security handlers outside Spring MVC. */
    public static void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String detail)
            throws IOException {
        write(request, response, status(code.kind()), code, detail);
    }

    public static void write(
            HttpServletRequest request, HttpServletResponse response, int status, ErrorCode code, String detail)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // JSON is UTF-8 by definition (RFC 8259), so no charset parameter, as Spring MVC writes it too
        response.getOutputStream()
                .write(JSON.writeValueAsBytes(body(status, code, detail, instance(request), Map.of())));
    }

    /** One entry of the {@code errors} member: which field and what is wrong with it. */
    public record FieldProblem(String field, String message) {}

    static Map<String, Object> errors(List<FieldProblem> problems) {
        return Map.of("errors", List.copyOf(problems));
    }
}
