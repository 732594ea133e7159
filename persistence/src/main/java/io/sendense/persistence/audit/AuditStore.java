package io.sendense.persistence.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

  /** A page of the entries {@code filter} lets through, newest first (filtered in the database). */
  public List<AuditEntry> page(AuditFilter filter, int offset, int limit) {
    TypedQuery<AuditEntry> q =
        em.createQuery(
            "SELECT a FROM AuditEntry a" + where(filter) + " ORDER BY a.occurredAt DESC, a.id DESC",
            AuditEntry.class);
    bind(q, filter);
    return q.setFirstResult(Math.max(0, offset)).setMaxResults(limit).getResultList();
  }

  public long count(AuditFilter filter) {
    TypedQuery<Long> q =
        em.createQuery("SELECT COUNT(a) FROM AuditEntry a" + where(filter), Long.class);
    bind(q, filter);
    return q.getSingleResult();
  }

  private static String where(AuditFilter f) {
    List<String> parts = new ArrayList<>();
    if (f.username() != null) {
      parts.add("LOWER(a.username) = :username");
    }
    if (f.action() != null) {
      parts.add(f.action().endsWith(".") ? "a.action LIKE :action" : "a.action = :action");
    }
    if (f.from() != null) {
      parts.add("a.occurredAt >= :from");
    }
    if (f.to() != null) {
      parts.add("a.occurredAt < :to");
    }
    return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
  }

  private static void bind(TypedQuery<?> q, AuditFilter f) {
    if (f.username() != null) {
      q.setParameter("username", f.username().toLowerCase(Locale.ROOT));
    }
    if (f.action() != null) {
      q.setParameter(
          "action",
          f.action().endsWith(".")
              ? f.action().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
              : f.action());
    }
    if (f.from() != null) {
      q.setParameter("from", f.from());
    }
    if (f.to() != null) {
      q.setParameter("to", f.to());
    }
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
