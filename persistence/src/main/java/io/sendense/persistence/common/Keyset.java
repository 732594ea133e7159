package io.sendense.persistence.common;

import java.time.Instant;

/**
 * Where a page of a newest-first list ended: its last row's time and id. The next page starts below
 * it in the list's (time, id) index, so every page costs the same however deep it is, where an
 * offset walks every index entry before it.
 */
public record Keyset(Instant at, long id) {
  /** The JPQL condition for rows after this one, newest first, on {@code time} and {@code id}. */
  public static String below(String time, String id) {
    return " AND (" + time + " < :keyAt OR (" + time + " = :keyAt AND " + id + " < :keyId))";
  }
}
