package io.quarry.server.web;

import io.quarry.server.ServerError;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Answers in the problem shape for the requests Tomcat rejects before any servlet sees them (a malformed request line
 * or header, or bytes sent past a body's declared {@code Content-Length}, which HTTP/1.1 reads as the next request),
 * instead of Tomcat's HTML error page. Everything that reaches the application is answered by Spring MVC and
 * {@link ProblemErrorController}; this valve then finds the answer written and does nothing.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    static final String DETAIL = "The request is not valid HTTP/1.1 (a malformed request line or header, or bytes sent"
            + " after the body its Content-Length declared); nothing was done with it.";

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            if (status >= 500 && throwable != null) {
                Problems.write(
                        request,
                        response,
                        status,
                        ServerError.INTERNAL_ERROR,
                        ProblemAdvice.internalError(request, throwable));
            } else {
                Problems.write(request, response, status, ServerError.INVALID_REQUEST, DETAIL);
            }
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more can be said
        }
    }

    /** Makes Tomcat's host report errors with this valve (it adds the valve when the host starts). */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        TomcatContextCustomizer problemErrorReports() {
            return context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            };
        }
    }
}
