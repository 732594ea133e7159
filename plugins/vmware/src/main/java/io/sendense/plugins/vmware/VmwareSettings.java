package io.sendense.plugins.vmware;

import io.sendense.plugin.api.ConfigField;
import io.sendense.plugin.api.ConfigForm;
import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.FieldType;
import java.util.Locale;

/**
 * The connection settings of one vCenter or ESXi, read once from the administrator's configuration
 * (Keycloak-style: the factory reads, the session takes everything through its constructor).
 *
 * @param thumbprint pinned SHA-256 of the server certificate, lower-case hex without separators, or
 *     {@code null}
 */
record VmwareSettings(
    String host,
    int port,
    String username,
    String password,
    CertificateMode certificateMode,
    String thumbprint,
    int readStreams,
    int timeoutSeconds) {

  static final ConfigForm FORM =
      ConfigForm.of(
          ConfigField.required("host", "vCenter or ESXi host", FieldType.HOST, "Name or address."),
          ConfigField.optional("port", "HTTPS port", FieldType.PORT, "443", null),
          ConfigField.required(
              "username", "User", FieldType.TEXT, "For example administrator@vsphere.local."),
          ConfigField.secret("password", "Password", true, null),
          ConfigField.optional(
              "certificateMode",
              "Certificate check",
              FieldType.TEXT,
              CertificateMode.TRUST_ON_FIRST_USE.value(),
              "pinned, trust-on-first-use (confirm the thumbprint Test Connection shows) or"
                  + " insecure (accepts any certificate; only for labs)."),
          ConfigField.optional(
              "thumbprint",
              "Certificate SHA-256",
              FieldType.TEXT,
              null,
              "The server certificate's SHA-256 thumbprint, hex with or without colons."),
          ConfigField.optional(
              "readStreams", "Parallel reads per disk", FieldType.INTEGER, "4", null),
          ConfigField.optional("timeoutSeconds", "Timeout (s)", FieldType.INTEGER, "30", null));

  VmwareSettings {
    if (readStreams < 1 || readStreams > 32) {
      throw new IllegalArgumentException("Field 'readStreams' must be 1 to 32, got " + readStreams);
    }
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException(
          "Field 'timeoutSeconds' must be at least 1, got " + timeoutSeconds);
    }
    if (certificateMode == CertificateMode.PINNED && thumbprint == null) {
      throw new IllegalArgumentException(
          "Field 'thumbprint' is required when the certificate check is 'pinned'");
    }
  }

  static VmwareSettings from(Configuration raw) {
    Configuration c = FORM.withDefaults(raw);
    return new VmwareSettings(
        c.require("host"),
        (int) c.getLong("port", 443),
        c.require("username"),
        c.require("password"),
        CertificateMode.parse(c.require("certificateMode")),
        c.get("thumbprint").map(VmwareSettings::normalizeThumbprint).orElse(null),
        (int) c.getLong("readStreams", 4),
        (int) c.getLong("timeoutSeconds", 30));
  }

  /** Accepts "AB:CD:..." or "abcd..." and returns 64 lower-case hex digits. */
  static String normalizeThumbprint(String text) {
    String hex = text.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "Field 'thumbprint' must be a SHA-256 thumbprint (64 hex digits), got '" + text + "'");
    }
    return hex;
  }

  /** The SOAP endpoint. */
  String sdkUrl() {
    return "https://" + hostForUrl() + ":" + port + "/sdk";
  }

  /** The host as it goes into a URL (IPv6 in brackets). */
  String hostForUrl() {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** Password left out, so settings can be logged. */
  @Override
  public String toString() {
    return "VmwareSettings[" + username + "@" + host + ":" + port + ", " + certificateMode + "]";
  }
}
