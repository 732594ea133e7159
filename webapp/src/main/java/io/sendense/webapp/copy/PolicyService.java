package io.sendense.webapp.copy;

import io.sendense.persistence.policy.BackupPolicy;
import io.sendense.persistence.policy.CopyMode;
import io.sendense.persistence.policy.CopyRule;
import io.sendense.persistence.policy.CopyWhen;
import io.sendense.persistence.repository.Repository;
import io.sendense.webapp.common.Fields;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.retention.RetentionRules;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Backup policies and their copy rules: read for every user, changes for admins. */
@ApplicationScoped
@Transactional
public class PolicyService {
  static final int MAX_RULES = 10;

  @PersistenceContext(unitName = "sendense")
  EntityManager em;

  public List<PolicyDto> list() {
    return em.createNamedQuery("BackupPolicy.all", BackupPolicy.class).getResultList().stream()
        .map(this::toDto)
        .toList();
  }

  public PolicyDto get(long id) {
    return toDto(find(id));
  }

  @RequiresRole(value = Roles.ADMIN, action = "create backup policies")
  public PolicyDto create(PolicyDto request) {
    BackupPolicy p = new BackupPolicy();
    apply(p, request);
    em.persist(p);
    em.flush();
    return toDto(p);
  }

  @RequiresRole(value = Roles.ADMIN, action = "change backup policies")
  public PolicyDto update(long id, PolicyDto request) {
    BackupPolicy p = find(id);
    apply(p, request);
    em.flush();
    return toDto(p);
  }

  @RequiresRole(value = Roles.ADMIN, action = "delete backup policies")
  public void delete(long id) {
    BackupPolicy p = find(id);
    List<String> flows = flowsOf(p);
    if (!flows.isEmpty()) {
      throw new Refusal(
          409,
          "Policy '"
              + p.getName()
              + "' is used by flow(s) "
              + flows
              + "; pick another policy for them first");
    }
    em.remove(p);
  }

  private void apply(BackupPolicy p, PolicyDto r) {
    if (r == null) {
      throw new Refusal(400, "a policy is required: {name, description, copyRules}");
    }
    String name = r.name() == null ? "" : r.name().strip();
    if (name.isEmpty() || name.length() > 128) {
      throw new Refusal(400, "name must have 1 to 128 characters");
    }
    Fields.atMost("description", r.description(), 1000);
    em.createNamedQuery("BackupPolicy.byName", BackupPolicy.class)
        .setParameter("name", name)
        .getResultStream()
        .filter(other -> !other.getId().equals(p.getId()))
        .findFirst()
        .ifPresent(
            other -> {
              throw new Refusal(409, "A policy named '" + name + "' already exists");
            });
    List<PolicyDto.Rule> rules = r.copyRules() == null ? List.of() : r.copyRules();
    if (rules.size() > MAX_RULES) {
      throw new Refusal(400, "copyRules may have at most " + MAX_RULES + " rules");
    }
    List<CopyRule> built = new ArrayList<>();
    Set<Long> targets = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      CopyRule rule = rule(rules.get(i), "copyRules[" + i + "]");
      if (!targets.add(rule.getRepository().getId())) {
        throw new Refusal(
            400,
            "copyRules["
                + i
                + "]: two rules copy into '"
                + rule.getRepository().getName()
                + "'; one rule per target repository");
      }
      rule.setPosition(i);
      rule.setPolicy(p);
      built.add(rule);
    }
    p.setName(name);
    p.setDescription(r.description() == null || r.description().isBlank() ? null : r.description());
    p.getRules().clear();
    em.flush();
    p.getRules().addAll(built);
  }

  private CopyRule rule(PolicyDto.Rule r, String field) {
    if (r == null || r.repositoryId() == null) {
      throw new Refusal(400, field + ".repositoryId is required");
    }
    Repository repository = em.find(Repository.class, r.repositoryId());
    if (repository == null) {
      throw new Refusal(400, field + ".repositoryId: no repository with id " + r.repositoryId());
    }
    CopyRule rule = new CopyRule();
    rule.setRepository(repository);
    rule.setRunWhen(value(CopyWhen.class, r.when(), CopyWhen.EVERY_POINT, field + ".when"));
    rule.setMode(value(CopyMode.class, r.mode(), CopyMode.INCREMENTAL, field + ".mode"));
    RetentionRules retention = r.retention() == null ? RetentionRules.KEEP_ALL : r.retention();
    retention
        .problem()
        .ifPresent(
            problem -> {
              throw new Refusal(400, field + "." + problem);
            });
    rule.setRetentionLast(retention.last());
    rule.setRetentionDaily(retention.daily());
    rule.setRetentionWeekly(retention.weekly());
    rule.setRetentionMonthly(retention.monthly());
    rule.setRetentionYearly(retention.yearly());
    return rule;
  }

  private static <E extends Enum<E>> E value(Class<E> type, String v, E fallback, String field) {
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, v.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Refusal(
          400,
          field
              + " must be one of "
              + java.util.Arrays.toString(type.getEnumConstants())
              + ", not '"
              + v
              + "'");
    }
  }

  private List<String> flowsOf(BackupPolicy p) {
    return em.createQuery(
            "SELECT f.name FROM ProtectionFlow f WHERE f.policy = :p ORDER BY f.name", String.class)
        .setParameter("p", p)
        .getResultList();
  }

  private BackupPolicy find(long id) {
    BackupPolicy p = em.find(BackupPolicy.class, id);
    if (p == null) {
      throw new Refusal(404, "No backup policy with id " + id);
    }
    return p;
  }

  private PolicyDto toDto(BackupPolicy p) {
    return new PolicyDto(
        p.getId(),
        p.getName(),
        p.getDescription(),
        p.getRules().stream()
            .map(
                r ->
                    new PolicyDto.Rule(
                        r.getId(),
                        r.getRepository().getId(),
                        r.getRepository().getName(),
                        r.getRunWhen().name(),
                        r.getMode().name(),
                        new RetentionRules(
                            r.getRetentionLast(),
                            r.getRetentionDaily(),
                            r.getRetentionWeekly(),
                            r.getRetentionMonthly(),
                            r.getRetentionYearly())))
            .toList(),
        flowsOf(p));
  }
}
