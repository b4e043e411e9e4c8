package io.quarry.server.upload;

import io.quarry.engine.QuarryException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * When reading a request body fails (the client closed the connection early, or stalled past the timeout), Tomcat
 * records the I/O error on the request and answers it through {@code /error} after the controller returns, whatever
 * the controller answered: as a 500 without this. Recording the upload's own problem in its place makes that answer
 * the problem the controller meant (400 with "the body ended after ..."), and keeps stack traces of clients that went
 * away out of the log.
 */
final class BodyReadFailures {

    private BodyReadFailures() {}

    static QuarryException answer(HttpServletRequest request, QuarryException problem) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) != null) {
            request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, problem);
        }
        return problem;
    }
}
