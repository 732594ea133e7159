package io.sendense.webapp.api;

import io.sendense.webapp.common.Page;
import jakarta.ws.rs.core.Response;

/**
 * A page as the API answers it: the items as a JSON array (as before paging existed), with {@code
 * X-Total-Count} (all matching items), {@code X-Offset} and {@code X-Limit} (the limit applied,
 * after the cap) headers, and {@code X-Next-Cursor} where the list pages by cursor and more follow.
 */
final class Paged {
  private Paged() {}

  static Response of(Page<?> page) {
    Response.ResponseBuilder response =
        Response.ok(page.items())
            .header("X-Total-Count", page.total())
            .header("X-Offset", page.offset())
            .header("X-Limit", page.limit());
    if (page.next() != null) {
      response.header("X-Next-Cursor", page.next());
    }
    return response.build();
  }
}
