package io.sendense.persistence.audit;

import java.time.Instant;

/**
 * Which audit entries to list: by user name (exact, case-insensitive), by action (exact, or every
 * action under a prefix ending with a dot, such as {@code restore.}), from (inclusive) and to
 * (exclusive) a time. Null parts do not filter.
 */
public record AuditFilter(String username, String action, Instant from, Instant to) {
  public static final AuditFilter NONE = new AuditFilter(null, null, null, null);
}
