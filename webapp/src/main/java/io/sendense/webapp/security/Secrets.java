package io.sendense.webapp.security;

import io.sendense.webapp.config.HubSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The hub's {@link SecretCipher}, keyed from {@code <secrets dir>/catalog.keys}. */
@ApplicationScoped
public class Secrets {
  @Inject HubSettings settings;
  private volatile SecretCipher cipher;

  public SecretCipher cipher() {
    SecretCipher c = cipher;
    if (c == null) {
      synchronized (this) {
        if (cipher == null) {
          cipher = SecretCipher.fromKeyFile(settings.secretsDir().resolve("catalog.keys"));
        }
        c = cipher;
      }
    }
    return c;
  }
}
