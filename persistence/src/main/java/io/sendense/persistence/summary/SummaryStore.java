package io.sendense.persistence.summary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Counts across the catalog for the dashboard. */
@ApplicationScoped
public class SummaryStore {
  @PersistenceContext(unitName = "sendense")
  private EntityManager em;

  protected SummaryStore() {}

  public SummaryStore(EntityManager em) {
    this.em = em;
  }

  public CatalogCounts counts() {
    return new CatalogCounts(
        count("SELECT COUNT(s) FROM Source s"),
        count(
            "SELECT COUNT(v) FROM VmContext v"
                + " WHERE v.state = io.sendense.persistence.common.PresenceState.PRESENT"),
        count("SELECT COUNT(r) FROM Repository r"),
        count("SELECT COUNT(f) FROM ProtectionFlow f"),
        count(
            "SELECT COUNT(b) FROM Backup b"
                + " WHERE b.status = io.sendense.persistence.backup.BackupStatus.COMPLETE"));
  }

  private long count(String jpql) {
    return em.createQuery(jpql, Long.class).getSingleResult();
  }

  /** How many of each thing the catalog holds. */
  public record CatalogCounts(
      long sources, long vms, long repositories, long flows, long restorePoints) {}
}
