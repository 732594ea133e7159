package io.sendense.webapp.group;

import java.time.Instant;
import java.util.List;

/**
 * A protection group as pages and {@code /api/v1/protection-groups} show it.
 *
 * @param memberCount members a run would back up now: hand-made ones plus those the rule matches
 * @param protection {@code PROTECTED} when an enabled flow protects the group, else {@code
 *     UNPROTECTED}
 */
public record GroupDto(
    long id,
    String name,
    String description,
    String defaultSchedule,
    Long defaultRepositoryId,
    String defaultRepositoryName,
    String membershipRule,
    int memberCount,
    int manualMemberCount,
    String protection,
    List<String> flows,
    Instant createdAt) {

  /** The flows that protect the group, comma-separated, for the page. */
  public String flowsText() {
    return String.join(", ", flows);
  }
}
