package io.sendense.webapp.security;

import jakarta.security.enterprise.credential.Credential;

/** An API token presented as {@code Authorization: Bearer <token>}. */
public final class BearerTokenCredential implements Credential {
  private final String token;

  public BearerTokenCredential(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }
}
