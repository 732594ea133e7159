package io.sendense.plugins.vmware;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the plugin decides to trust the server's TLS certificate. */
enum CertificateMode {
  /** Trust exactly the certificate with the configured SHA-256 thumbprint. */
  PINNED("pinned"),
  /**
   * Test Connection reports the server's thumbprint for the administrator to confirm; once it is
   * saved as the thumbprint, this mode behaves like {@link #PINNED}. Without one, no session opens.
   */
  TRUST_ON_FIRST_USE("trust-on-first-use"),
  /** Trust any certificate: only when the administrator explicitly chose it. */
  INSECURE("insecure");

  private final String value;

  CertificateMode(String value) {
    this.value = value;
  }

  /** The value stored in the configuration. */
  String value() {
    return value;
  }

  static CertificateMode parse(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    for (CertificateMode mode : values()) {
      if (mode.value.equals(wanted)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "Field 'certificateMode' must be one of "
            + Arrays.stream(values()).map(CertificateMode::value).collect(Collectors.joining(", "))
            + ", got '"
            + text
            + "'");
  }
}
