package io.sendense.webapp.lifecycle;

import io.sendense.persistence.lifecycle.ChainMerge;
import io.sendense.persistence.lifecycle.LifecycleStore;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.repository.RepositoryStore;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A repository's verification schedule and merge journal, for the API. */
@ApplicationScoped
@Transactional
public class RepositoryLifecycle {
  @Inject RepositoryStore repositories;
  @Inject LifecycleStore lifecycle;
  @Inject VerificationService verification;
  @Inject Clock clock;

  /**
   * The verification schedule of a repository.
   *
   * @param intervalDays days between scheduled verifications of every point; 0: never
   * @param running whether a verification of the repository is queued or running now
   */
  public record Verification(
      Integer intervalDays, Instant nextAt, Instant lastAt, String lastSummary, Boolean running) {}

  /** A row of the merge journal. */
  public record MergeDto(
      long id,
      long backupId,
      int diskIndex,
      String kind,
      String state,
      String doomedFile,
      String childFile,
      Long childBackupId,
      String reason,
      String requestedBy,
      Long bytesMoved,
      Long durationMs,
      String detail,
      Instant createdAt,
      Instant updatedAt) {}

  public Verification verification(long id) {
    Repository r = find(id);
    return new Verification(
        r.getVerifyIntervalDays(),
        r.getVerifyIntervalDays() > 0 ? r.getNextVerifyAt() : null,
        r.getLastVerifiedAt(),
        r.getLastVerifySummary(),
        verification.pending(id));
  }

  @RequiresRole(value = Roles.ADMIN, action = "change repositories")
  public Verification setInterval(long id, int days) {
    if (days < 0 || days > 366) {
      throw new Refusal(400, "intervalDays must be between 0 (off) and 366, not " + days);
    }
    Repository r = find(id);
    r.setVerifyIntervalDays(days);
    r.setNextVerifyAt(days == 0 ? null : clock.instant().plus(Duration.ofDays(days)));
    return verification(id);
  }

  @RequiresRole(value = Roles.OPERATOR, action = "verify repositories")
  public void verifyNow(long id) {
    find(id);
    verification.requestRepository(id);
  }

  public List<MergeDto> merges(long id, int limit) {
    find(id);
    return lifecycle.mergesIn(id, Math.max(1, Math.min(limit, 1000))).stream()
        .map(RepositoryLifecycle::toDto)
        .toList();
  }

  private static MergeDto toDto(ChainMerge m) {
    return new MergeDto(
        m.getId(),
        m.getBackupId(),
        m.getDiskIndex(),
        m.getKind().name(),
        m.getState().name(),
        m.getDoomedFile(),
        m.getChildFile(),
        m.getChildBackupId(),
        m.getReason(),
        m.getRequestedBy(),
        m.getBytesMoved(),
        m.getDurationMs(),
        m.getDetail(),
        m.getCreatedAt(),
        m.getUpdatedAt());
  }

  private Repository find(long id) {
    return repositories.byId(id).orElseThrow(() -> new Refusal(404, "No repository with id " + id));
  }
}
