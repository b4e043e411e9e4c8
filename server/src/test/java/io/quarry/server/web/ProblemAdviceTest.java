package io.quarry.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/** A client that closed its connection is not an internal error: nothing is logged as one. */
class ProblemAdviceTest {

    @Test
    void aClosedConnectionIsTheClientGoingAway() {
        assertThat(ProblemAdvice.clientWentAway(new HttpMessageNotWritableException(
                        "Could not write JSON", new ClientAbortException(new IOException("Broken pipe")))))
                .isTrue();
        assertThat(ProblemAdvice.clientWentAway(new AsyncRequestNotUsableException("Response not usable")))
                .isTrue();
        assertThat(ProblemAdvice.clientWentAway(new UncheckedIOException(new IOException("Connection reset by peer"))))
                .isTrue();
    }

    @Test
    void otherFailuresAreInternalErrors() {
        assertThat(ProblemAdvice.clientWentAway(new IllegalStateException("a bug")))
                .isFalse();
        assertThat(ProblemAdvice.clientWentAway(new IOException("No space left on device")))
                .isFalse();
    }
}
