package io.quarry.server.web;

import io.quarry.engine.ErrorCode;
import io.quarry.engine.QuarryException;
import io.quarry.server.ServerError;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's fallback error controller at {@code /error}, which answers for errors raised outside Spring MVC
 * (a filter, the servlet container, {@code sendError}), so that those too come in the problem shape.
 */
@RestController
final class ProblemErrorController implements ErrorController {

    @RequestMapping(value = "${server.error.path:/error}", produces = MediaType.ALL_VALUE)
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        Throwable error =
                request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable thrown ? thrown : null;
        ErrorCode code;
        String detail;
        if (error instanceof QuarryException quarry && quarry.getMessage() != null) {
            code = quarry.code();
            status = Problems.status(code.kind());
            detail = status >= 500 ? ProblemAdvice.internalError(request, quarry) : quarry.getMessage();
        } else if (status >= 500 || error != null) {
            status = Math.max(status, 500);
            code = ServerError.INTERNAL_ERROR;
            detail = ProblemAdvice.internalError(
                    request, error == null ? new IllegalStateException("status " + status) : error);
        } else {
            code = switch (status) {
                case 401 -> ServerError.UNAUTHENTICATED;
                case 403 -> ServerError.FORBIDDEN;
                case 404 -> ServerError.ROUTE_NOT_FOUND;
                case 405 -> ServerError.METHOD_NOT_ALLOWED;
                case 413 -> ServerError.REQUEST_TOO_LARGE;
                case 415 -> ServerError.UNSUPPORTED_MEDIA_TYPE;
                default -> ServerError.INVALID_REQUEST;
            };
            detail = switch (status) {
                case 401 -> ProblemSecurityHandlers.UNAUTHENTICATED_DETAIL;
                case 403 -> ProblemSecurityHandlers.FORBIDDEN_DETAIL;
                case 404 -> "No route matches " + Problems.instance(request) + ".";
                case 413 -> "The request is larger than this server accepts.";
                default -> "The request could not be handled: check its URL, headers and body.";
            };
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.body(status, code, detail, Problems.instance(request), Map.of()));
    }
}
