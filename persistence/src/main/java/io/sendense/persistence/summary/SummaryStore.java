package io.sendense.persistence.summary;

import io.sendense.persistence.backup.VerificationStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
            "SELECT COUNT(v) FROM Vm v"
                + " WHERE v.state = io.sendense.persistence.common.PresenceState.PRESENT"),
        count("SELECT COUNT(r) FROM Repository r"),
        count("SELECT COUNT(f) FROM ProtectionFlow f"),
        count(
            "SELECT COUNT(b) FROM Backup b"
                + " WHERE b.status = io.sendense.persistence.backup.BackupStatus.COMPLETE"));
  }

  /**
   * COMPLETE points by their last verification: verified, corrupt, missing, never verified; one
   * query over the index on (status, verification status).
   */
  public VerificationCounts verification() {
    Map<VerificationStatus, Long> by = new EnumMap<>(VerificationStatus.class);
    long never = 0;
    for (Object[] row :
        em.createQuery(
                "SELECT b.verificationStatus, COUNT(b) FROM Backup b"
                    + " WHERE b.status = io.sendense.persistence.backup.BackupStatus.COMPLETE"
                    + " GROUP BY b.verificationStatus",
                Object[].class)
            .setFlushMode(FlushModeType.COMMIT)
            .getResultList()) {
      if (row[0] == null) {
        never = (Long) row[1];
      } else {
        by.put((VerificationStatus) row[0], (Long) row[1]);
      }
    }
    return new VerificationCounts(
        by.getOrDefault(VerificationStatus.VERIFIED, 0L),
        by.getOrDefault(VerificationStatus.CORRUPT, 0L),
        by.getOrDefault(VerificationStatus.MISSING, 0L),
        never);
  }

  private static final String COVERED =
      " FROM Vm v WHERE v.state = io.sendense.persistence.common.PresenceState.PRESENT"
          + " AND (EXISTS (SELECT f FROM ProtectionFlow f WHERE f.enabled = TRUE"
          + " AND f.targetVm = v) OR EXISTS (SELECT m FROM GroupMembership m, ProtectionFlow g"
          + " WHERE m.vm = v AND m.enabled = TRUE AND g.targetGroup = m.group"
          + " AND g.enabled = TRUE))";

  /** VMs present in vCenter. */
  public long presentVms() {
    return count(
        "SELECT COUNT(v) FROM Vm v"
            + " WHERE v.state = io.sendense.persistence.common.PresenceState.PRESENT");
  }

  /**
   * Present VMs an enabled flow protects directly or through an enabled hand-made membership of its
   * group (membership rules are not SQL: see {@link #coveredVmIds}).
   */
  public long coveredVms() {
    return count("SELECT COUNT(v)" + COVERED);
  }

  /** The ids of the VMs {@link #coveredVms} counts. */
  public List<Long> coveredVmIds() {
    return em.createQuery("SELECT v.id" + COVERED, Long.class)
        .setFlushMode(FlushModeType.COMMIT)
        .getResultList();
  }

  /** The ids of the groups with a membership rule that an enabled flow protects. */
  public List<Long> ruleGroupsProtected() {
    return em.createQuery(
            "SELECT DISTINCT f.targetGroup.id FROM ProtectionFlow f WHERE f.enabled = TRUE"
                + " AND f.targetGroup.membershipRule IS NOT NULL"
                + " AND f.targetGroup.membershipRule <> ''",
            Long.class)
        .setFlushMode(FlushModeType.COMMIT)
        .getResultList();
  }

  /** How the last verification found the complete restore points. */
  public record VerificationCounts(long verified, long corrupt, long missing, long never) {}

  /** How many flow runs were ever started (the dashboard's first-run guidance). */
  public long flowRuns() {
    return count("SELECT COUNT(e) FROM FlowExecution e");
  }

  private long count(String jpql) {
    return em.createQuery(jpql, Long.class).getSingleResult();
  }

  /** How many of each thing the catalog holds. */
  public record CatalogCounts(
      long sources, long vms, long repositories, long flows, long restorePoints) {}
}
