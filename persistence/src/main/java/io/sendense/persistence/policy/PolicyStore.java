package io.sendense.persistence.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/**
 * Backup policies, their copy rules and the flows that use them; runs in the caller's transaction.
 */
@ApplicationScoped
public class PolicyStore {
  @PersistenceContext(unitName = "sendense")
  private EntityManager em;

  protected PolicyStore() {}

  public PolicyStore(EntityManager em) {
    this.em = em;
  }

  /** Every policy, by name. */
  public List<BackupPolicy> all() {
    return em.createNamedQuery("BackupPolicy.all", BackupPolicy.class).getResultList();
  }

  public Optional<BackupPolicy> byId(long id) {
    return Optional.ofNullable(em.find(BackupPolicy.class, id));
  }

  /** The policy named exactly {@code name}, if there is one. */
  public Optional<BackupPolicy> byName(String name) {
    return em.createNamedQuery("BackupPolicy.byName", BackupPolicy.class)
        .setParameter("name", name)
        .getResultStream()
        .findFirst();
  }

  /** Stores a new policy with its rules (its id is set on return); a stored one is flushed. */
  public BackupPolicy save(BackupPolicy policy) {
    if (policy.getId() == null) {
      em.persist(policy);
    }
    em.flush();
    return policy;
  }

  /**
   * Gives a policy {@code rules} in place of its present ones. The old rules' rows are deleted
   * (flushed) before the new ones join, so a stored policy never holds both at once.
   */
  public void replaceRules(BackupPolicy policy, List<CopyRule> rules) {
    policy.getRules().clear();
    em.flush();
    policy.getRules().addAll(rules);
  }

  /** Deletes a policy and its rules (flows must not use it: their foreign key refuses). */
  public void delete(BackupPolicy policy) {
    em.remove(policy);
  }

  public Optional<CopyRule> rule(long id) {
    return Optional.ofNullable(em.find(CopyRule.class, id));
  }

  /** Names of the protection flows that use {@code policy}, sorted. */
  public List<String> flowNamesOf(BackupPolicy policy) {
    return em.createQuery(
            "SELECT f.name FROM ProtectionFlow f WHERE f.policy = :p ORDER BY f.name", String.class)
        .setParameter("p", policy)
        .getResultList();
  }
}
