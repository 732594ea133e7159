package io.sendense.persistence.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Append-only access to the audit log. */
@ApplicationScoped
public class AuditStore {
  @PersistenceContext(unitName = "sendense")
  private EntityManager em;

  protected AuditStore() {}

  public AuditStore(EntityManager em) {
    this.em = em;
  }

  public void append(AuditEntry entry) {
    em.persist(entry);
  }

  /** A page of the log, newest first. */
  public List<AuditEntry> page(int offset, int limit) {
    return em.createNamedQuery("AuditEntry.recent", AuditEntry.class)
        .setFirstResult(Math.max(0, offset))
        .setMaxResults(limit)
        .getResultList();
  }

  public long count() {
    return em.createQuery("SELECT COUNT(a) FROM AuditEntry a", Long.class).getSingleResult();
  }

  public List<AuditEntry> recent(int max) {
    return em.createNamedQuery("AuditEntry.recent", AuditEntry.class)
        .setMaxResults(max)
        .getResultList();
  }

  public List<AuditEntry> recentByAction(String action, int max) {
    return em.createNamedQuery("AuditEntry.byAction", AuditEntry.class)
        .setParameter("action", action)
        .setMaxResults(max)
        .getResultList();
  }
}
