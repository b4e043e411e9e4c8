package io.quarry.server.web;

import io.quarry.engine.ErrorCode;
import io.quarry.engine.ErrorKind;
import io.quarry.engine.QuarryException;
import io.quarry.server.ServerError;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception a controller throws into the problem+json shape: a {@link QuarryException} by the kind of
 * its code, Spring MVC's own exceptions (unknown route, wrong method, unreadable body, ...) by their status, and
 * anything else into a 500 whose detail holds only the request id, the stack trace going to the log.
 */
@RestControllerAdvice
final class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(QuarryException.class)
    ResponseEntity<Object> quarry(QuarryException error, HttpServletRequest request) {
        ErrorCode code = error.code();
        int status = Problems.status(code.kind());
        HttpHeaders headers = new HttpHeaders();
        if (error instanceof RateLimitedException limited) {
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(limited.retryAfterSeconds()));
        }
        String detail;
        if (code.kind() == ErrorKind.INTERNAL) {
            detail = internalError(request, error);
        } else {
            detail = error.getMessage() == null ? code.title() + "." : error.getMessage();
        }
        return problem(status, code, detail, request, headers, Map.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(AccessDeniedException error, HttpServletRequest request) {
        return problem(403, ServerError.FORBIDDEN, ProblemSecurityHandlers.FORBIDDEN_DETAIL, request);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException error, HttpServletRequest request) {
        return problem(401, ServerError.UNAUTHENTICATED, ProblemSecurityHandlers.UNAUTHENTICATED_DETAIL, request);
    }

    @ExceptionHandler(Exception.class)
    @Nullable
    ResponseEntity<Object> unexpected(Exception error, HttpServletRequest request) {
        if (clientWentAway(error)) {
            // a grid cancelling a block on a fast scroll, a closed tab: nobody is left to answer, and nothing failed
            log.debug(
                    "Client went away during {} {}: {}",
                    request.getMethod(),
                    Problems.instance(request),
                    error.toString());
            return null;
        }
        return problem(500, ServerError.INTERNAL_ERROR, internalError(request, error), request);
    }

    /** True when writing the answer failed because the client closed the connection. */
    static boolean clientWentAway(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof AsyncRequestNotUsableException
                    || cause.getClass().getSimpleName().equals("ClientAbortException")) {
                return true;
            }
            String message = cause.getMessage();
            if (cause instanceof IOException
                    && message != null
                    && (message.contains("Broken pipe") || message.contains("Connection reset"))) {
                return true;
            }
        }
        return false;
    }

    /** Every exception Spring MVC knows the status of ends here. */
    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(
            Exception error, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        if (servletRequest == null) {
            return super.handleExceptionInternal(error, body, headers, status, request);
        }
        int code = status.value();
        if (code >= 500 && !(error instanceof AsyncRequestTimeoutException)) {
            return problem(code, ServerError.INTERNAL_ERROR, internalError(servletRequest, error), servletRequest);
        }
        HttpHeaders kept = new HttpHeaders();
        kept.addAll(headers);
        return switch (error) {
            case HttpRequestMethodNotSupportedException e ->
                problem(
                        code,
                        ServerError.METHOD_NOT_ALLOWED,
                        methodDetail(e, servletRequest),
                        servletRequest,
                        kept,
                        Map.of());
            case HttpMediaTypeNotSupportedException e ->
                problem(
                        code,
                        ServerError.UNSUPPORTED_MEDIA_TYPE,
                        "This route reads application/json; send the body with Content-Type: application/json.",
                        servletRequest,
                        kept,
                        Map.of());
            case HttpMediaTypeNotAcceptableException e ->
                problem(
                        code,
                        ServerError.NOT_ACCEPTABLE,
                        "This route answers application/json; accept it (or */*) in the Accept header.",
                        servletRequest,
                        kept,
                        Map.of());
            case HttpMessageNotReadableException e ->
                problem(
                        code,
                        ServerError.MALFORMED_REQUEST,
                        "The request body could not be read: it must be JSON with fields of the right types.",
                        servletRequest);
            case MethodArgumentNotValidException e -> validation(e, servletRequest);
            case HandlerMethodValidationException e ->
                problem(
                        code,
                        ServerError.INVALID_REQUEST,
                        "Some parameters are not valid: " + String.join("; ", messages(e)) + ".",
                        servletRequest);
            case MissingServletRequestParameterException e ->
                problem(
                        code,
                        ServerError.INVALID_REQUEST,
                        "The query parameter " + e.getParameterName() + " is required.",
                        servletRequest);
            case TypeMismatchException e ->
                problem(
                        code,
                        ServerError.INVALID_REQUEST,
                        "The parameter " + e.getPropertyName() + " has a value of the wrong type"
                                + (e.getRequiredType() == null
                                        ? ""
                                        : " (expected " + typeName(e.getRequiredType()) + ")")
                                + ".",
                        servletRequest);
            case NoResourceFoundException e -> routeNotFound(code, servletRequest);
            case MaxUploadSizeExceededException e -> tooLarge(servletRequest);
            case MultipartException e when code == 413 -> tooLarge(servletRequest);
            case AsyncRequestTimeoutException e ->
                problem(
                        503,
                        ServerError.SERVICE_UNAVAILABLE,
                        "The server took too long to answer; try again in a moment.",
                        servletRequest);
            default ->
                problem(
                        code,
                        code == 404 ? ServerError.ROUTE_NOT_FOUND : ServerError.INVALID_REQUEST,
                        code == 404
                                ? "No route matches " + servletRequest.getMethod() + " "
                                        + Problems.instance(servletRequest) + "."
                                : "The request is not valid for this route.",
                        servletRequest,
                        kept,
                        Map.of());
        };
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> multipart(MultipartException error, HttpServletRequest request) {
        if (error instanceof MaxUploadSizeExceededException || isSizeLimit(error)) {
            return tooLarge(request);
        }
        return problem(
                400,
                ServerError.MALFORMED_REQUEST,
                "The multipart request could not be read; send the file as multipart/form-data.",
                request);
    }

    private ResponseEntity<Object> tooLarge(HttpServletRequest request) {
        return problem(
                413,
                ServerError.REQUEST_TOO_LARGE,
                "The request is larger than this server accepts; send a smaller file, or an upload in parts.",
                request);
    }

    private ResponseEntity<Object> routeNotFound(int status, HttpServletRequest request) {
        return problem(
                status,
                ServerError.ROUTE_NOT_FOUND,
                "No route matches " + request.getMethod() + " " + Problems.instance(request) + ".",
                request);
    }

    private ResponseEntity<Object> validation(MethodArgumentNotValidException error, HttpServletRequest request) {
        List<Problems.FieldProblem> problems = error.getBindingResult().getFieldErrors().stream()
                .map(field -> new Problems.FieldProblem(
                        field.getField(),
                        field.getDefaultMessage() == null ? "is not valid" : field.getDefaultMessage()))
                .toList();
        String detail = problems.isEmpty()
                ? "The request body is not valid."
                : "The request body is not valid: "
                        + String.join(
                                "; ",
                                problems.stream()
                                        .map(problem -> problem.field() + " " + problem.message())
                                        .toList())
                        + ".";
        return problem(400, ServerError.INVALID_REQUEST, detail, request, new HttpHeaders(), Problems.errors(problems));
    }

    private static List<String> messages(HandlerMethodValidationException error) {
        return error.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(resolvable ->
                                result.getMethodParameter().getParameterName() + " " + resolvable.getDefaultMessage()))
                .toList();
    }

    private static String methodDetail(HttpRequestMethodNotSupportedException error, HttpServletRequest request) {
        String allowed = error.getSupportedHttpMethods() == null
                ? ""
                : " Allowed: "
                        + String.join(
                                ", ",
                                error.getSupportedHttpMethods().stream()
                                        .map(Object::toString)
                                        .toList()) + ".";
        return request.getMethod() + " is not allowed on " + Problems.instance(request) + "." + allowed;
    }

    private static String typeName(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type == long.class || type == int.class) {
            return "a number";
        }
        return type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean isSizeLimit(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String name = cause.getClass().getSimpleName();
            if (name.contains("SizeLimitExceeded") || name.contains("FileSizeLimitExceeded")) {
                return true;
            }
        }
        return false;
    }

    /** Logs an unexpected error with its request id and returns the only detail a person sees of it. */
    static String internalError(HttpServletRequest request, Throwable error) {
        String id = RequestIds.of(request);
        log.error(
                "Internal error on {} {} (request id {})", request.getMethod(), Problems.instance(request), id, error);
        return "Internal error (request id " + id + ").";
    }

    private static ResponseEntity<Object> problem(
            int status, ErrorCode code, String detail, HttpServletRequest request) {
        return problem(status, code, detail, request, new HttpHeaders(), Map.of());
    }

    private static ResponseEntity<Object> problem(
            int status,
            ErrorCode code,
            String detail,
            HttpServletRequest request,
            HttpHeaders headers,
            Map<String, ?> members) {
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.body(status, code, detail, Problems.instance(request), members));
    }
}
