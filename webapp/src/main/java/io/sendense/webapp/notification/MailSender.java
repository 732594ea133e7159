package io.sendense.webapp.notification;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Sends a message as plain-text mail through the channel's SMTP server with Jakarta Mail. STARTTLS
 * is required when chosen (no silent fall-back to plain text), the server's certificate is checked
 * against the JVM's trust store and host name, or pinned by its SHA-256 when the channel names one;
 * the login uses the channel's sealed password.
 */
public final class MailSender implements Sender {
  private static final String TIMEOUT_MS = "20000";

  @Override
  public String send(Channel channel, Message message) throws DeliveryFailure {
    ChannelSettings s = channel.settings();
    String server = s.get(ChannelSettings.HOST) + ":" + s.port();
    Session session = Session.getInstance(properties(s));
    try {
      MimeMessage mail = new MimeMessage(session);
      mail.setFrom(new InternetAddress(s.get(ChannelSettings.FROM)));
      for (String to : s.recipients()) {
        mail.addRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to));
      }
      mail.setSubject(message.subject(), StandardCharsets.UTF_8.name());
      mail.setText(message.text(), StandardCharsets.UTF_8.name());
      mail.setHeader("X-Sendense-Event", message.event().name());
      mail.setSentDate(new java.util.Date());
      try (Transport transport = session.getTransport("smtp")) {
        String user = s.get(ChannelSettings.USERNAME);
        transport.connect(
            s.get(ChannelSettings.HOST), s.port(), user, user == null ? null : channel.secret());
        transport.sendMessage(mail, mail.getAllRecipients());
        return "SMTP " + server + ": " + lastAnswer(transport);
      }
    } catch (AuthenticationFailedException e) {
      throw new DeliveryFailure(
          "SMTP "
              + server
              + " refused the login of '"
              + s.get(ChannelSettings.USERNAME)
              + "': check the user name and password",
          false,
          e);
    } catch (MessagingException e) {
      throw new DeliveryFailure("SMTP " + server + " failed: " + describe(e), true, e);
    }
  }

  /**
   * The server's answer to the message (Angus Mail's {@code getLastServerResponse}, read without
   * linking to the server's mail implementation), or "accepted" if the implementation has none.
   */
  private static String lastAnswer(Transport transport) {
    try {
      Object answer = transport.getClass().getMethod("getLastServerResponse").invoke(transport);
      return answer == null ? "accepted" : answer.toString().strip();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "accepted";
    }
  }

  static Properties properties(ChannelSettings s) {
    Properties p = new Properties();
    p.put("mail.smtp.host", s.get(ChannelSettings.HOST));
    p.put("mail.smtp.port", String.valueOf(s.port()));
    p.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
    p.put("mail.smtp.timeout", TIMEOUT_MS);
    p.put("mail.smtp.writetimeout", TIMEOUT_MS);
    p.put("mail.smtp.auth", String.valueOf(s.get(ChannelSettings.USERNAME) != null));
    switch (s.security()) {
      case STARTTLS -> {
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
      }
      case TLS -> p.put("mail.smtp.ssl.enable", "true");
      case NONE -> {}
    }
    String pin = s.get(ChannelSettings.CERTIFICATE_SHA256);
    if (pin != null) {
      // No fall-back: Angus would retry with the default factory and hide the pin's refusal.
      p.put("mail.smtp.socketFactory.fallback", "false");
      p.put("mail.smtp.ssl.socketFactory", pinned(pin));
      p.put("mail.smtp.ssl.checkserveridentity", "false");
    } else {
      p.put("mail.smtp.ssl.checkserveridentity", "true");
    }
    return p;
  }

  private static String describe(MessagingException e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    Throwable cause = e.getCause();
    while (cause != null && text.length() < 600) {
      text.append(" (").append(cause.getClass().getSimpleName()).append(": ");
      text.append(cause.getMessage()).append(')');
      cause = cause.getCause();
    }
    return text.toString().replaceAll("\\s+", " ");
  }

  /**
   * A socket factory that trusts exactly the certificate with this SHA-256 (the leaf). The pin
   * names the certificate itself, so neither a CA path nor the host name is checked.
   */
  private static javax.net.ssl.SSLSocketFactory pinned(String sha256) {
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {new PinnedTrust(sha256)}, null);
      return tls.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available", e);
    }
  }

  /** Accepts a server whose leaf certificate has the pinned SHA-256, nothing else. */
  private static final class PinnedTrust extends X509ExtendedTrustManager {
    private final String sha256;

    PinnedTrust(String sha256) {
      this.sha256 = sha256;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("the SMTP server sent no certificate");
      }
      String seen = fingerprint(chain[0]);
      if (!seen.equals(sha256)) {
        throw new CertificateException(
            "the SMTP server's certificate has SHA-256 " + seen + ", not the pinned " + sha256);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String type)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String type, Socket socket)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String type, SSLEngine engine)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String type)
        throws CertificateException {
      throw new CertificateException("client certificates are not checked here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String type, Socket socket)
        throws CertificateException {
      checkClientTrusted(chain, type);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String type, SSLEngine engine)
        throws CertificateException {
      checkClientTrusted(chain, type);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  static String fingerprint(X509Certificate certificate) throws CertificateException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new CertificateException(e);
    }
  }
}
