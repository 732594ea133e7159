package io.sendense.persistence.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The merge journal, the retention history and the claims of hub-wide periodic work. */
@ApplicationScoped
public class LifecycleStore {
  @PersistenceContext(unitName = "sendense")
  private EntityManager em;

  protected LifecycleStore() {}

  public LifecycleStore(EntityManager em) {
    this.em = em;
  }

  public ChainMerge save(ChainMerge merge) {
    if (merge.getId() == null) {
      em.persist(merge);
      em.flush();
      return merge;
    }
    return em.merge(merge);
  }

  public Optional<ChainMerge> merge(long id) {
    return Optional.ofNullable(em.find(ChainMerge.class, id));
  }

  /** Journal rows not DONE or ROLLED_BACK, oldest first. */
  public List<ChainMerge> unfinished() {
    return em.createNamedQuery("ChainMerge.unfinished", ChainMerge.class).getResultList();
  }

  public List<ChainMerge> mergesOf(long backupId) {
    return em.createNamedQuery("ChainMerge.ofBackup", ChainMerge.class)
        .setParameter("backup", backupId)
        .getResultList();
  }

  /** The journal of a repository, newest first. */
  public List<ChainMerge> mergesIn(long repositoryId, int max) {
    return em.createNamedQuery("ChainMerge.ofRepository", ChainMerge.class)
        .setParameter("repository", repositoryId)
        .setMaxResults(max)
        .getResultList();
  }

  public void record(RetentionEvent event) {
    em.persist(event);
  }

  /** A flow's retention history, newest first. */
  public List<RetentionEvent> eventsOf(long flowId, int max) {
    return em.createNamedQuery("RetentionEvent.ofFlow", RetentionEvent.class)
        .setParameter("flow", flowId)
        .setMaxResults(max)
        .getResultList();
  }

  public List<RetentionEvent> eventsOfBackup(long backupId) {
    return em.createNamedQuery("RetentionEvent.ofBackup", RetentionEvent.class)
        .setParameter("backup", backupId)
        .getResultList();
  }

  /**
   * Claims a due scheduled verification of a repository, as {@link #claim} does for periodic work:
   * moves its next verification from {@code expected} (null: never planned) to {@code next}.
   */
  public boolean claimVerification(long repositoryId, Instant expected, Instant next) {
    String sql =
        expected == null
            ? "UPDATE repositories SET next_verify_at = ? WHERE id = ? AND next_verify_at IS NULL"
            : "UPDATE repositories SET next_verify_at = ? WHERE id = ? AND next_verify_at = ?";
    var query =
        em.createNativeQuery(sql)
            .setParameter(1, Timestamp.from(next))
            .setParameter(2, repositoryId);
    if (expected != null) {
      query.setParameter(3, Timestamp.from(expected));
    }
    return query.executeUpdate() == 1;
  }

  /**
   * When periodic work {@code name} is due next; the row is created with {@code first}. Reads
   * without locking, and inserts only when the row is missing: an {@code INSERT IGNORE} of an
   * existing row would take a shared lock that deadlocks two hubs' claims.
   */
  public Instant nextRun(String name, Instant first) {
    Optional<Instant> at = readNext(name);
    if (at.isPresent()) {
      return at.get();
    }
    em.createNativeQuery("INSERT IGNORE INTO maintenance_claims (name, next_at) VALUES (?, ?)")
        .setParameter(1, name)
        .setParameter(2, Timestamp.from(first))
        .executeUpdate();
    return readNext(name).orElse(first);
  }

  private Optional<Instant> readNext(String name) {
    List<?> rows =
        em.createNativeQuery("SELECT next_at FROM maintenance_claims WHERE name = ?")
            .setParameter(1, name)
            .getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Object at = rows.get(0);
    // Bound and read in the JVM's zone, as FlowStore.claim does, so the instant round-trips.
    return Optional.of(
        at instanceof Timestamp t
            ? t.toInstant()
            : Timestamp.valueOf((java.time.LocalDateTime) at).toInstant());
  }

  /**
   * Claims one due run of periodic work {@code name} for {@code hub}: moves its next run from
   * {@code expected} to {@code next} only if no other hub did it first.
   *
   * @return whether this caller won the run
   */
  public boolean claim(String name, Instant expected, Instant next, String hub) {
    return em.createNativeQuery(
                "UPDATE maintenance_claims SET next_at = ?, claimed_by = ?, claimed_at = ?"
                    + " WHERE name = ? AND next_at = ?")
            .setParameter(1, Timestamp.from(next))
            .setParameter(2, hub)
            .setParameter(3, Timestamp.from(Instant.now()))
            .setParameter(4, name)
            .setParameter(5, Timestamp.from(expected))
            .executeUpdate()
        == 1;
  }
}
