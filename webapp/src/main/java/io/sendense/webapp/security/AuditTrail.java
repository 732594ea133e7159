package io.sendense.webapp.security;

/**
 * Where security writes what it let in or refused (logins, calls denied by {@link RoleCheck}). The
 * audit log answers it ({@code io.sendense.webapp.audit.AuditService}); the interface keeps
 * security, which every feature uses, from depending on the audit feature, whose page and API use
 * security.
 */
public interface AuditTrail {
  String SUCCESS = "SUCCESS";
  String FAILURE = "FAILURE";
  String DENIED = "DENIED";

  /** Writes one entry, in its own transaction so that it survives the caller's rollback. */
  void record(
      String username, String action, String target, String outcome, String remote, String detail);
}
