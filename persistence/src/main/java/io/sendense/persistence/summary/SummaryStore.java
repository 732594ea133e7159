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

  /** COMPLETE points by their last verification: verified, corrupt, missing, never verified. */
  public VerificationCounts verification() {
    String base =
        "SELECT COUNT(b) FROM Backup b"
            + " WHERE b.status = io.sendense.persistence.backup.BackupStatus.COMPLETE AND ";
    String status = "b.verificationStatus = io.sendense.persistence.backup.VerificationStatus.";
    return new VerificationCounts(
        count(base + status + "VERIFIED"),
        count(base + status + "CORRUPT"),
        count(base + status + "MISSING"),
        count(base + "b.verificationStatus IS NULL"));
  }

  /** How the last verification found the complete restore points. */
  public record VerificationCounts(long verified, long corrupt, long missing, long never) {}

  private long count(String jpql) {
    return em.createQuery(jpql, Long.class).getSingleResult();
  }

  /** How many of each thing the catalog holds. */
  public record CatalogCounts(
      long sources, long vms, long repositories, long flows, long restorePoints) {}
}
