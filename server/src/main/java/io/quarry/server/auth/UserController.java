package io.quarry.server.auth;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The admin's user management: the whole of {@code /api/users} needs the admin role (see SecurityConfig). */
@RestController
@RequestMapping("/api/users")
final class UserController {

    private final Accounts accounts;

    UserController(Accounts accounts) {
        this.accounts = accounts;
    }

    record UserResponse(long id, String username, Role role, boolean admin, boolean disabled, Instant createdAt) {
        static UserResponse of(User user) {
            return new UserResponse(
                    user.id(), user.username(), user.role(), user.admin(), user.disabled(), user.createdAt());
        }
    }

    record NewUser(
            @Nullable String username,
            @Nullable String password,
            @Nullable Role role) {}

    record UserPatch(
            @Nullable Role role,
            @Nullable Boolean disabled,
            @Nullable String password) {}

    @GetMapping
    List<UserResponse> listUsers() {
        return accounts.listUsers().stream().map(UserResponse::of).toList();
    }

    @GetMapping("/{id}")
    UserResponse getUser(@PathVariable long id) {
        return UserResponse.of(accounts.requireUser(id));
    }

    @PostMapping
    ResponseEntity<UserResponse> createUser(@RequestBody NewUser request) {
        User user = accounts.createUser(
                AuthController.required(request.username(), "username"),
                AuthController.required(request.password(), "password"),
                request.role() == null ? Role.USER : request.role());
        return ResponseEntity.created(URI.create("/api/users/" + user.id())).body(UserResponse.of(user));
    }

    @PatchMapping("/{id}")
    UserResponse updateUser(@PathVariable long id, @RequestBody UserPatch patch) {
        User user = accounts.requireUser(id);
        if (patch.password() != null) {
            user = accounts.setPassword(id, patch.password());
        }
        if (patch.role() != null) {
            user = accounts.setRole(id, patch.role());
        }
        if (patch.disabled() != null) {
            user = accounts.setDisabled(id, patch.disabled());
        }
        return UserResponse.of(user);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> deleteUser(@PathVariable long id) {
        accounts.deleteUser(id);
        return ResponseEntity.noContent().build();
    }
}
