/** Accounts, sessions, API tokens and who may do what. */
@NullMarked
package io.quarry.server.auth;

import org.jspecify.annotations.NullMarked;
