package io.quarry.server.auth;

/** What a user may do: every user works with their own data; an admin also manages users and sees metrics. */
public enum Role {
    USER,
    ADMIN
}
