package io.sendense.webapp.audit;

import io.sendense.persistence.audit.AuditEntry;
import io.sendense.persistence.audit.AuditStore;
import io.sendense.webapp.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/** Records who did what; an audit entry is written in its own transaction so it survives. */
@ApplicationScoped
public class AuditService {
  public static final String SUCCESS = "SUCCESS";
  public static final String FAILURE = "FAILURE";
  public static final String DENIED = "DENIED";

  @Inject AuditStore store;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void record(
      String username, String action, String target, String outcome, String remote, String detail) {
    AuditEntry entry = new AuditEntry();
    entry.setUsername(username);
    entry.setAction(action);
    entry.setTarget(target);
    entry.setOutcome(outcome);
    entry.setRemoteAddr(remote);
    entry.setDetail(detail);
    store.append(entry);
  }

  public List<AuditEntry> recent(int max) {
    return store.recent(max);
  }

  /** A page of the log, newest first, with the total. */
  public Page<AuditEntry> page(int offset, int limit) {
    List<AuditEntry> items = store.page(offset, limit);
    long total =
        items.size() < limit && (offset == 0 || !items.isEmpty())
            ? offset + items.size()
            : store.count();
    return new Page<>(items, total, offset, limit);
  }
}
