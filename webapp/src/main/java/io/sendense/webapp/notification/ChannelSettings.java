package io.sendense.webapp.notification;

import io.sendense.persistence.notification.NotificationChannel.Kind;
import io.sendense.webapp.common.Refusal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A channel's settings, checked: what a mail channel needs (SMTP host, port, transport security,
 * account, sender, recipients, optionally the server certificate's SHA-256 to pin) or a webhook
 * (its URL). The secret (SMTP password, webhook HMAC key) is kept apart and never part of these.
 */
public record ChannelSettings(Kind kind, Map<String, String> values) {
  public static final String HOST = "host";
  public static final String PORT = "port";
  public static final String SECURITY = "security";
  public static final String USERNAME = "username";
  public static final String FROM = "from";
  public static final String TO = "to";
  public static final String CERTIFICATE_SHA256 = "certificateSha256";
  public static final String URL = "url";

  /** Transport security of a mail channel: STARTTLS (required), TLS from the start, or none. */
  public enum Security {
    STARTTLS,
    TLS,
    NONE
  }

  /** Checks and normalizes what a user submitted; the message says which field to fix. */
  public static ChannelSettings checked(Kind kind, Map<String, String> submitted) {
    Map<String, String> in = submitted == null ? Map.of() : submitted;
    Map<String, String> out = new LinkedHashMap<>();
    if (kind == Kind.EMAIL) {
      out.put(HOST, required(in, HOST));
      out.put(PORT, String.valueOf(port(in.getOrDefault(PORT, "587"))));
      out.put(SECURITY, security(in.getOrDefault(SECURITY, "STARTTLS")).name());
      optional(in, USERNAME).ifPresent(v -> out.put(USERNAME, v));
      out.put(FROM, address(required(in, FROM), FROM));
      out.put(TO, String.join(", ", recipients(required(in, TO))));
      optional(in, CERTIFICATE_SHA256).ifPresent(v -> out.put(CERTIFICATE_SHA256, sha256(v)));
    } else {
      out.put(URL, url(required(in, URL)));
    }
    return new ChannelSettings(kind, Map.copyOf(out));
  }

  public String get(String key) {
    return values.get(key);
  }

  public Security security() {
    return Security.valueOf(values.getOrDefault(SECURITY, "STARTTLS"));
  }

  public int port() {
    return Integer.parseInt(values.get(PORT));
  }

  public List<String> recipients() {
    return recipients(values.getOrDefault(TO, ""));
  }

  private static String required(Map<String, String> in, String key) {
    return optional(in, key).orElseThrow(() -> new Refusal(400, "config." + key + " is required"));
  }

  private static java.util.Optional<String> optional(Map<String, String> in, String key) {
    String v = in.get(key);
    return v == null || v.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(v.strip());
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value.strip());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new Refusal(400, "config.port must be a number from 1 to 65535, not '" + value + "'");
  }

  private static Security security(String value) {
    try {
      return Security.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Refusal(400, "config.security must be STARTTLS, TLS or NONE, not '" + value + "'");
    }
  }

  static List<String> recipients(String value) {
    List<String> list = Arrays.stream(value.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
    if (list.isEmpty() && !value.isBlank()) {
      throw new Refusal(400, "config.to must list at least one address");
    }
    list.forEach(a -> address(a, TO));
    return list;
  }

  private static String address(String value, String field) {
    int at = value.indexOf('@');
    if (at < 1 || at != value.lastIndexOf('@') || at == value.length() - 1 || value.contains(" ")) {
      throw new Refusal(400, "config." + field + ": '" + value + "' is not a mail address");
    }
    return value;
  }

  private static String sha256(String value) {
    String hex = value.replace(":", "").strip().toLowerCase(Locale.ROOT);
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new Refusal(
          400,
          "config.certificateSha256 must be 64 hex digits (colons allowed), the SHA-256"
              + " of the SMTP server's certificate");
    }
    return hex;
  }

  private static String url(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri.toString();
      }
    } catch (URISyntaxException e) {
      // answered below
    }
    throw new Refusal(400, "config.url must be an http:// or https:// URL, not '" + value + "'");
  }
}
