package io.sendense.webapp.audit;

import io.sendense.persistence.audit.AuditEntry;
import java.time.Instant;

/** One audit entry as the audit log page shows it. */
public record AuditRow(
    long id,
    Instant occurredAt,
    String username,
    String action,
    String target,
    String outcome,
    String remoteAddr,
    String detail) {
  static AuditRow of(AuditEntry a) {
    return new AuditRow(
        a.getId(),
        a.getOccurredAt(),
        a.getUsername(),
        a.getAction(),
        a.getTarget(),
        a.getOutcome(),
        a.getRemoteAddr(),
        a.getDetail());
  }
}
