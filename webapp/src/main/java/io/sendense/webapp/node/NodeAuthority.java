package io.sendense.webapp.node;

import io.sendense.webapp.config.HubSettings;
import io.sendense.webapp.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.Base64;

/** The hub's {@link NodeCa}, opened from the secrets folder on first use. */
@ApplicationScoped
public class NodeAuthority {
  @Inject HubSettings settings;
  @Inject Secrets secrets;
  @Inject Clock clock;
  private volatile NodeCa ca;

  public NodeCa ca() {
    NodeCa c = ca;
    if (c == null) {
      synchronized (this) {
        if (ca == null) {
          ca = NodeCa.open(settings.secretsDir(), secrets.cipher(), clock);
        }
        c = ca;
      }
    }
    return c;
  }

  /**
   * The listener certificate's SHA-256 (base64url): pairing tokens carry it, so a node pins the
   * right certificate before it sends the token.
   */
  public String listenerPin() {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(ca().listener().certificate().getEncoded());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
