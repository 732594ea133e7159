package io.sendense.webapp.security;

import java.time.Instant;

/** An API token as authentication sees it: whose it is and until when it is valid. */
public record TokenState(long id, String username, Instant expiresAt) {
  public boolean validAt(Instant now) {
    return expiresAt == null || expiresAt.isAfter(now);
  }
}
