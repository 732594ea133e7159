package io.sendense.persistence.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Repositories and how many restore points each holds. */
@ApplicationScoped
public class RepositoryStore {
  @PersistenceContext(unitName = "sendense")
  private EntityManager em;

  protected RepositoryStore() {}

  public RepositoryStore(EntityManager em) {
    this.em = em;
  }

  public List<Repository> all() {
    return em.createNamedQuery("Repository.all", Repository.class).getResultList();
  }

  public Optional<Repository> byId(long id) {
    return Optional.ofNullable(em.find(Repository.class, id));
  }

  public Optional<Repository> byName(String name) {
    return em.createNamedQuery("Repository.byName", Repository.class)
        .setParameter("name", name)
        .getResultStream()
        .findFirst();
  }

  public Repository save(Repository repository) {
    if (repository.getId() == null) {
      em.persist(repository);
      em.flush();
      return repository;
    }
    return em.merge(repository);
  }

  /** Keeps one capacity reading for the trend (docs/operations.md). */
  public void addSample(CapacitySample sample) {
    em.persist(sample);
  }

  /**
   * Thins the capacity history (the hourly sampler and every refresh by hand add a row): of the
   * samples taken before {@code dailyBefore} each repository keeps the last one of each day, of the
   * later ones the last one of each hour (days and hours of the database's time zone). Returns how
   * many rows it deleted.
   */
  public int pruneSamples(Instant dailyBefore) {
    Timestamp cutoff = Timestamp.from(dailyBefore);
    return pruneSamples("%Y-%m-%d", "<", cutoff) + pruneSamples("%Y-%m-%d %H", ">=", cutoff);
  }

  /**
   * Of the samples whose time is {@code comparison} the cutoff, deletes all but the latest of each
   * repository and period (a {@code DATE_FORMAT} of the time).
   */
  private int pruneSamples(String period, String comparison, Timestamp cutoff) {
    String sql =
        "DELETE d FROM repository_capacity_samples d JOIN ("
            + "SELECT repository_id, DATE_FORMAT(sampled_at, '%1$s') AS period,"
            + " MAX(sampled_at) AS latest FROM repository_capacity_samples"
            + " WHERE sampled_at %2$s ?1 GROUP BY repository_id, period) k"
            + " ON k.repository_id = d.repository_id"
            + " AND DATE_FORMAT(d.sampled_at, '%1$s') = k.period"
            + " AND d.sampled_at < k.latest AND d.sampled_at %2$s ?1";
    return em.createNativeQuery(String.format(sql, period, comparison))
        .setParameter(1, cutoff)
        .executeUpdate();
  }

  public void delete(Repository repository) {
    em.remove(em.contains(repository) ? repository : em.merge(repository));
  }

  /** Restore points (backups in any state) kept in {@code repository}. */
  public long restorePointCount(Repository repository) {
    return em.createQuery("SELECT COUNT(b) FROM Backup b WHERE b.repository = :r", Long.class)
        .setParameter("r", repository)
        .getSingleResult();
  }

  /** Whether any protection flow writes to {@code repository}. */
  public long flowCount(Repository repository) {
    return em.createQuery(
            "SELECT COUNT(f) FROM ProtectionFlow f WHERE f.repository = :r", Long.class)
        .setParameter("r", repository)
        .getSingleResult();
  }
}
