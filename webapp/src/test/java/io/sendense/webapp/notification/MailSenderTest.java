package io.sendense.webapp.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.sendense.persistence.notification.NotificationChannel.Kind;
import io.sendense.persistence.notification.NotificationEvent;
import jakarta.mail.internet.MimeMessage;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mail sender against GreenMail over SMTPS (TLS from the start) with a login. */
class MailSenderTest {
  private GreenMail greenMail;

  @BeforeEach
  void start() {
    ServerSetup smtps = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort();
    smtps.setServerStartupTimeout(60_000); // TLS set-up on a loaded machine takes seconds
    greenMail = new GreenMail(smtps);
    greenMail.withConfiguration(
        GreenMailConfiguration.aConfig().withUser("hub@example.org", "hub", "s3cret"));
    greenMail.start();
  }

  @AfterEach
  void stop() {
    greenMail.stop();
  }

  /** The SHA-256 of the certificate GreenMail serves (its bundled greenmail.p12). */
  static String greenMailCertificateSha256() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = GreenMail.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
      store.load(in, "changeit".toCharArray());
    }
    String alias = store.aliases().nextElement();
    X509Certificate cert = (X509Certificate) store.getCertificate(alias);
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
  }

  private Sender.Channel channel(String pin, String password) {
    Map<String, String> config = new HashMap<>();
    config.put("host", "127.0.0.1");
    config.put("port", String.valueOf(greenMail.getSmtps().getPort()));
    config.put("security", "TLS");
    config.put("username", "hub");
    config.put("from", "hub@example.org");
    config.put("to", "ops@example.org, oncall@example.org");
    if (pin != null) {
      config.put("certificateSha256", pin);
    }
    return new Sender.Channel(5, "mail", ChannelSettings.checked(Kind.EMAIL, config), password);
  }

  private static Message message() {
    return new Message(
        9L, NotificationEvent.FAILURE, "[Sendense] Flow 'nightly' FAILED", "Details: gone\n", "{}");
  }

  @Test
  void aMailGoesToEveryRecipientOverTlsWithTheLoginAndPinnedCertificate() throws Exception {
    String answer =
        new MailSender().send(channel(greenMailCertificateSha256(), "s3cret"), message());
    assertTrue(answer.startsWith("SMTP 127.0.0.1:"), answer);
    MimeMessage[] got = greenMail.getReceivedMessages();
    assertEquals(2, got.length, "one copy per recipient");
    assertEquals("[Sendense] Flow 'nightly' FAILED", got[0].getSubject());
    assertEquals("FAILURE", got[0].getHeader("X-Sendense-Event")[0]);
    assertTrue(got[0].getContent().toString().contains("Details: gone"));
  }

  @Test
  void aWrongPasswordIsRefusedAndNotRetried() throws Exception {
    DeliveryFailure failure =
        assertThrows(
            DeliveryFailure.class,
            () -> new MailSender().send(channel(greenMailCertificateSha256(), "wrong"), message()));
    assertFalse(failure.retryable());
    assertTrue(failure.getMessage().contains("refused the login of 'hub'"), failure.getMessage());
    assertFalse(failure.getMessage().contains("wrong"), "the password is never in the message");
    assertEquals(0, greenMail.getReceivedMessages().length);
  }

  @Test
  void aServerWhoseCertificateIsNotTheFingerprintIsRefused() {
    String other = "00".repeat(32);
    DeliveryFailure failure =
        assertThrows(
            DeliveryFailure.class,
            () -> new MailSender().send(channel(other, "s3cret"), message()));
    assertTrue(failure.getMessage().contains("not the pinned " + other), failure.getMessage());
    assertEquals(0, greenMail.getReceivedMessages().length);
  }

  @Test
  void withoutAPinTheSelfSignedServerIsNotTrusted() {
    DeliveryFailure failure =
        assertThrows(
            DeliveryFailure.class, () -> new MailSender().send(channel(null, "s3cret"), message()));
    assertTrue(failure.retryable());
    assertEquals(0, greenMail.getReceivedMessages().length);
  }
}
