package io.quarry.server.auth;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own API tokens: create (the secret is in that answer only), list, revoke. */
@RestController
@RequestMapping("/api/tokens")
final class TokenController {

    private final Tokens tokens;

    TokenController(Tokens tokens) {
        this.tokens = tokens;
    }

    record NewToken(@Nullable String name, @Nullable Integer expiresInDays) {}

    record TokenCreated(
            long id, String name, String token, @Nullable Instant expiresAt) {}

    record TokenResponse(
            long id,
            String name,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable Instant lastUsedAt) {
        static TokenResponse of(ApiToken token) {
            return new TokenResponse(
                    token.id(), token.name(), token.createdAt(), token.expiresAt(), token.lastUsedAt());
        }
    }

    @PostMapping
    ResponseEntity<TokenCreated> createToken(
            @AuthenticationPrincipal QuarryPrincipal user, @RequestBody NewToken request) {
        Tokens.Issued issued =
                tokens.issue(user.id(), AuthController.required(request.name(), "name"), request.expiresInDays());
        ApiToken token = issued.token();
        return ResponseEntity.created(URI.create("/api/tokens/" + token.id()))
                .body(new TokenCreated(token.id(), token.name(), issued.secret(), token.expiresAt()));
    }

    @GetMapping
    List<TokenResponse> listTokens(@AuthenticationPrincipal QuarryPrincipal user) {
        return tokens.listTokens(user.id()).stream().map(TokenResponse::of).toList();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revokeToken(@AuthenticationPrincipal QuarryPrincipal user, @PathVariable long id) {
        tokens.revoke(user.id(), id);
        return ResponseEntity.noContent().build();
    }
}
