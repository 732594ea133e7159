package io.sendense.webapp.common;

import io.sendense.persistence.common.Keyset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The API's page cursors ({@code X-Next-Cursor}, then {@code ?cursor=}): an opaque token for the
 * last row of a page of a newest-first list, its time and id. A client passes it back unchanged.
 */
public final class Cursors {
  private Cursors() {}

  /** The cursor after the row of {@code at} and {@code id}. */
  public static String after(Instant at, long id) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((at + "/" + id).getBytes(StandardCharsets.UTF_8));
  }

  /** The position a cursor stands for; none for a blank one; 400 for one this API did not give. */
  public static Keyset parse(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String text =
          new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
      int slash = text.lastIndexOf('/');
      return new Keyset(
          Instant.parse(text.substring(0, slash)), Long.parseLong(text.substring(slash + 1)));
    } catch (RuntimeException e) {
      throw new Refusal(
          400,
          "cursor is not one this API gave out: pass the previous page's X-Next-Cursor unchanged");
    }
  }
}
