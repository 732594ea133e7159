package io.sendense.webapp.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a webhook receiver checks: HMAC-SHA256 with the channel's key over {@code
 * <timestamp>.<body>}, sent as {@code X-Sendense-Signature: sha256=<hex>} with the timestamp in
 * {@code X-Sendense-Timestamp} (so a captured request cannot be replayed later with a new time).
 */
public final class WebhookSignature {
  public static final String SIGNATURE_HEADER = "X-Sendense-Signature";
  public static final String TIMESTAMP_HEADER = "X-Sendense-Timestamp";
  public static final String DELIVERY_HEADER = "X-Sendense-Delivery";
  public static final String EVENT_HEADER = "X-Sendense-Event";

  private WebhookSignature() {}

  public static String sign(String key, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
