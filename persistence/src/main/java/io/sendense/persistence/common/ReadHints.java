package io.sendense.persistence.common;

import jakarta.persistence.FlushModeType;
import jakarta.persistence.TypedQuery;

/**
 * How list queries read: results are not tracked for changes (EclipseLink read-only), nothing is
 * flushed before them, and a query that runs longer than {@link #TIMEOUT_MS} fails instead of
 * holding a connection. Without this, EclipseLink compares every entity loaded so far before each
 * query of a transaction, and a page of N rows costs O(N^2).
 */
public final class ReadHints {
  /** The longest a list query may run. */
  public static final int TIMEOUT_MS = 30_000;

  private ReadHints() {}

  public static <T> TypedQuery<T> apply(TypedQuery<T> query, String... fetched) {
    query.setFlushMode(FlushModeType.COMMIT);
    query.setHint("eclipselink.read-only", "true");
    query.setHint("jakarta.persistence.query.timeout", TIMEOUT_MS);
    for (String path : fetched) {
      query.setHint("eclipselink.left-join-fetch", path);
    }
    return query;
  }
}
