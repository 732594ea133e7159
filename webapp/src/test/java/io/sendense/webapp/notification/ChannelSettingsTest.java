package io.sendense.webapp.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sendense.persistence.notification.NotificationChannel.Kind;
import io.sendense.webapp.common.Refusal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelSettingsTest {
  @Test
  void aMailChannelIsNormalizedWithDefaults() {
    ChannelSettings s =
        ChannelSettings.checked(
            Kind.EMAIL,
            Map.of(
                "host", " smtp.example.org ",
                "from", "hub@example.org",
                "to", "a@example.org; b@example.org",
                "certificateSha256", "AB:".repeat(31) + "AB"));
    assertEquals("smtp.example.org", s.get("host"));
    assertEquals(587, s.port());
    assertEquals(ChannelSettings.Security.STARTTLS, s.security());
    assertEquals("a@example.org, b@example.org", s.get("to"));
    assertEquals("ab".repeat(32), s.get("certificateSha256"));
  }

  @Test
  void badFieldsAreRefusedNamingTheField() {
    Refusal port =
        assertThrows(
            Refusal.class,
            () ->
                ChannelSettings.checked(
                    Kind.EMAIL, Map.of("host", "h", "port", "70000", "from", "a@b", "to", "c@d")));
    assertEquals("config.port must be a number from 1 to 65535, not '70000'", port.getMessage());
    Refusal to =
        assertThrows(
            Refusal.class,
            () ->
                ChannelSettings.checked(
                    Kind.EMAIL, Map.of("host", "h", "from", "a@b", "to", "nobody")));
    assertEquals("config.to: 'nobody' is not a mail address", to.getMessage());
    Refusal url =
        assertThrows(
            Refusal.class, () -> ChannelSettings.checked(Kind.WEBHOOK, Map.of("url", "ftp://x/")));
    assertEquals("config.url must be an http:// or https:// URL, not 'ftp://x/'", url.getMessage());
    Refusal missing =
        assertThrows(Refusal.class, () -> ChannelSettings.checked(Kind.WEBHOOK, null));
    assertEquals("config.url is required", missing.getMessage());
  }
}
