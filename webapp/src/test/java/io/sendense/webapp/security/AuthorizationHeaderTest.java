package io.sendense.webapp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AuthorizationHeaderTest {
  private static String basic(String raw) {
    return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void basicCredentialsKeepColonsInThePassword() {
    var credential =
        assertInstanceOf(
            UsernamePasswordCredential.class,
            HubAuthenticationMechanism.parseAuthorization(basic("admin:pa:ss")));
    assertEquals("admin", credential.getCaller());
    assertEquals("pa:ss", credential.getPasswordAsString());
  }

  @Test
  void bearerTokenIsRecognisedCaseInsensitively() {
    var credential =
        assertInstanceOf(
            BearerTokenCredential.class,
            HubAuthenticationMechanism.parseAuthorization("bearer sdt_abc "));
    assertEquals("sdt_abc", credential.token());
  }

  @Test
  void malformedHeadersGiveNoCredential() {
    assertNull(HubAuthenticationMechanism.parseAuthorization(null));
    assertNull(HubAuthenticationMechanism.parseAuthorization("Basic !!!"));
    assertNull(HubAuthenticationMechanism.parseAuthorization(basic("no-colon")));
    assertNull(HubAuthenticationMechanism.parseAuthorization("Digest x"));
  }
}
