package io.sendense.webapp.audit;

import io.sendense.persistence.audit.AuditStore;

/** The audit service over a store, for tests of the services that audit, outside a server. */
public final class AuditServices {
  private AuditServices() {}

  public static AuditService over(AuditStore store) {
    AuditService audit = new AuditService();
    audit.store = store;
    return audit;
  }
}
