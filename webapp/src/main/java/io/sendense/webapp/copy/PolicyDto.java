package io.sendense.webapp.copy;

import io.sendense.webapp.retention.RetentionRules;
import java.util.List;

/**
 * A backup policy as {@code /api/v1/policies} shows it (also what it takes: ids are ignored on
 * input).
 *
 * @param flows names of the flows that refer to it
 */
public record PolicyDto(
    Long id, String name, String description, List<Rule> copyRules, List<String> flows) {

  /**
   * A copy rule.
   *
   * @param when {@code EVERY_POINT} (default), {@code DAILY} or {@code WEEKLY}
   * @param mode {@code INCREMENTAL} (default) or {@code FULL}
   * @param retention the copies' own retention on the target (left out: keep every copy)
   */
  public record Rule(
      Long id,
      Long repositoryId,
      String repositoryName,
      String when,
      String mode,
      RetentionRules retention) {}
}
