/** The HTTP edge: security rules, request ids, one problem+json shape for every error, forwarding to the SPA. */
@NullMarked
package io.quarry.server.web;

import org.jspecify.annotations.NullMarked;
