package io.sendense.webapp.copy;

import io.sendense.persistence.policy.BackupPolicy;
import io.sendense.persistence.policy.CopyMode;
import io.sendense.persistence.policy.CopyRule;
import io.sendense.persistence.policy.CopyWhen;
import io.sendense.persistence.policy.PolicyStore;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.repository.RepositoryStore;
import io.sendense.webapp.common.Fields;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.retention.RetentionRules;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

  @Inject PolicyStore policies;
  @Inject RepositoryStore repositories;

  public List<PolicyDto> list() {
    return policies.all().stream().map(this::toDto).toList();
  }

  public PolicyDto get(long id) {
    return toDto(find(id));
  }

  @RequiresRole(value = Roles.ADMIN, action = "create backup policies")
  public PolicyDto create(PolicyDto request) {
    BackupPolicy p = new BackupPolicy();
    apply(p, request);
    policies.save(p);
    return toDto(p);
  }

  @RequiresRole(value = Roles.ADMIN, action = "change backup policies")
  public PolicyDto update(long id, PolicyDto request) {
    BackupPolicy p = find(id);
    apply(p, request);
    policies.save(p);
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
    policies.delete(p);
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
    policies
        .byName(name)
        .filter(other -> !other.getId().equals(p.getId()))
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
    policies.replaceRules(p, built);
  }

  private CopyRule rule(PolicyDto.Rule r, String field) {
    if (r == null || r.repositoryId() == null) {
      throw new Refusal(400, field + ".repositoryId is required");
    }
    Repository repository =
        repositories
            .byId(r.repositoryId())
            .orElseThrow(
                () ->
                    new Refusal(
                        400, field + ".repositoryId: no repository with id " + r.repositoryId()));
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
    return policies.flowNamesOf(p);
  }

  private BackupPolicy find(long id) {
    return policies.byId(id).orElseThrow(() -> new Refusal(404, "No backup policy with id " + id));
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
