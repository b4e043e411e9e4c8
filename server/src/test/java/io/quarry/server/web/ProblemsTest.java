package io.quarry.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.engine.EngineError;
import io.quarry.engine.ErrorKind;
import io.quarry.server.ServerError;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void typeLinksToTheKebabCaseHeadingOfTheCode() {
        assertThat(Problems.type(ServerError.TOO_MANY_LOGIN_ATTEMPTS))
                .isEqualTo("/docs/errors#too-many-login-attempts");
        assertThat(Problems.type(EngineError.DATASET_NOT_FOUND)).isEqualTo("/docs/errors#dataset-not-found");
    }

    @Test
    void everyKindHasItsStatus() {
        assertThat(Map.of(
                        ErrorKind.INVALID_REQUEST, 400,
                        ErrorKind.UNAUTHENTICATED, 401,
                        ErrorKind.FORBIDDEN, 403,
                        ErrorKind.NOT_FOUND, 404,
                        ErrorKind.CONFLICT, 409,
                        ErrorKind.TOO_LARGE, 413,
                        ErrorKind.UNPROCESSABLE, 422,
                        ErrorKind.LIMIT_EXCEEDED, 422,
                        ErrorKind.RATE_LIMITED, 429,
                        ErrorKind.UNAVAILABLE, 503))
                .allSatisfy((kind, status) -> assertThat(Problems.status(kind)).isEqualTo(status));
        assertThat(Problems.status(ErrorKind.INSUFFICIENT_STORAGE)).isEqualTo(507);
        assertThat(Problems.status(ErrorKind.INTERNAL)).isEqualTo(500);
    }

    @Test
    void bodyMembersComeInTheDocumentedOrder() {
        Map<String, Object> body =
                Problems.body(404, ServerError.USER_NOT_FOUND, "No user has the id 7.", "/api/users/7", Map.of());

        assertThat(body.keySet()).containsExactly("type", "title", "status", "detail", "instance", "code");
        assertThat(body).containsEntry("title", "No such user").containsEntry("code", "USER_NOT_FOUND");
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        assertThat(new RateLimitedException(ServerError.TOO_MANY_LOGIN_ATTEMPTS, "x", Duration.ofMillis(1500))
                        .retryAfterSeconds())
                .isEqualTo(2);
        assertThat(new RateLimitedException(ServerError.TOO_MANY_LOGIN_ATTEMPTS, "x", Duration.ZERO)
                        .retryAfterSeconds())
                .isEqualTo(1);
    }
}
