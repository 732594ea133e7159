package io.sendense.webapp.user;

import java.time.Instant;

/** A newly issued API token: the only time the token itself is shown. */
public record IssuedToken(long id, String name, String token, Instant expiresAt) {}
