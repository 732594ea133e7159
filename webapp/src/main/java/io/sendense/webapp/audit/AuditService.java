package io.sendense.webapp.audit;

import io.sendense.persistence.audit.AuditEntry;
import io.sendense.persistence.audit.AuditFilter;
import io.sendense.persistence.audit.AuditStore;
import io.sendense.persistence.common.Columns;
import io.sendense.webapp.common.Page;
import io.sendense.webapp.common.RecentCounts;
import io.sendense.webapp.security.AuditTrail;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Records who did what; an audit entry is written in its own transaction so it survives. The
 * outcomes ({@code SUCCESS}, {@code FAILURE}, {@code DENIED}) are those of {@link AuditTrail}.
 */
@ApplicationScoped
public class AuditService implements AuditTrail {

  @Inject AuditStore store;
  @Inject RecentCounts counts;

  @Override
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void record(
      String username, String action, String target, String outcome, String remote, String detail) {
    AuditEntry entry = new AuditEntry();
    // What a request named (a 5000-character group name, say) is kept only as far as the columns
    // hold: the audit of a refused request must not fail the request with a 500.
    entry.setUsername(Columns.fit(username, 64));
    entry.setAction(Columns.fit(action, 64));
    entry.setTarget(Columns.fit(target, 255));
    entry.setOutcome(outcome);
    entry.setRemoteAddr(Columns.fit(remote, 64));
    entry.setDetail(Columns.fit(detail, 2000));
    store.append(entry);
  }

  public List<AuditEntry> recent(int max) {
    return store.recent(max);
  }

  /**
   * A page of the entries {@code filter} lets through, newest first, with their total; for admins
   * (the audit log names every user's actions and addresses).
   */
  @RequiresRole(value = Roles.ADMIN, action = "read the audit log")
  public Page<AuditEntry> page(AuditFilter filter, int offset, int limit) {
    List<AuditEntry> items = store.page(filter, offset, limit);
    return Page.counted(
        items, offset, limit, () -> counts.total(filter, () -> store.count(filter)));
  }
}
