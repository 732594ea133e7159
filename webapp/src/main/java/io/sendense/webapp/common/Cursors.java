package io.sendense.webapp.common;

import io.sendense.persistence.common.Keyset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

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

  /**
   * A page of a newest-first list read from {@code after} (null: from {@code offset} of the whole
   * list): its total is counted unless the page ends the list without a cursor (see {@link
   * Page#counted}); a full page carries the cursor of its last row, whose position {@code key}
   * gives.
   */
  public static <T> Page<T> page(
      List<T> items,
      Keyset after,
      int offset,
      int limit,
      LongSupplier total,
      Function<T, Keyset> key) {
    Page<T> page =
        after == null
            ? Page.counted(items, offset, limit, total)
            : new Page<>(items, total.getAsLong(), offset, limit);
    if (items.size() < limit) {
      return page;
    }
    Keyset last = key.apply(items.get(items.size() - 1));
    return page.withNext(after(last.at(), last.id()));
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
