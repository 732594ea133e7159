package io.sendense.persistence.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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
