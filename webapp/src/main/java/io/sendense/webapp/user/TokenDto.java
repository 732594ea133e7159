package io.sendense.webapp.user;

import io.sendense.persistence.user.ApiToken;
import java.time.Instant;

/** An API token as its owner and admins see it: never the token itself or its hash. */
public record TokenDto(
    long id,
    String name,
    String username,
    Instant createdAt,
    Instant expiresAt,
    Instant lastUsedAt,
    boolean expired) {
  static TokenDto of(ApiToken t, Instant now) {
    return new TokenDto(
        t.getId(),
        t.getName(),
        t.getUser().getUsername(),
        t.getCreatedAt(),
        t.getExpiresAt(),
        t.getLastUsedAt(),
        t.getExpiresAt() != null && !t.getExpiresAt().isAfter(now));
  }
}
