package io.sendense.webapp.copy;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupJob;
import io.sendense.persistence.backup.BackupJobStore;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.backup.CopyStore;
import io.sendense.persistence.backup.JobKind;
import io.sendense.persistence.policy.CopyMode;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.repository.RepositoryStore;
import io.sendense.webapp.backup.JobQueued;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;

/**
 * Queues copies of restore points: a copy is a job in the backup queue (kind COPY, its repository
 * the target), so it runs within the queue's limits, shows in the Jobs console and restarts like a
 * backup; the {@code copy-backup} batch job does the work.
 */
@ApplicationScoped
public class CopyService {
  @Inject BackupStore backups;
  @Inject RepositoryStore repositories;
  @Inject BackupJobStore jobs;
  @Inject CopyStore queries;
  @Inject Event<JobQueued> queued;

  /** Queues a copy on request (operator); returns the hub job's id. */
  @Transactional
  @RequiresRole(value = Roles.OPERATOR, action = "copy restore points")
  public long request(long backupId, Long repositoryId, String mode, String user) {
    if (repositoryId == null) {
      throw new Refusal(400, "repositoryId is required");
    }
    return queue(backupId, repositoryId, null, mode(mode), user);
  }

  /**
   * Queues a copy of a point into a repository (the caller checked roles: a request, or a rule).
   *
   * @throws Refusal if the point or repository is unknown, the point cannot be copied there, or it
   *     is copied or being copied there already
   */
  @Transactional
  public long queue(long backupId, long repositoryId, Long ruleId, CopyMode mode, String user) {
    Backup source =
        backups.byId(backupId).orElseThrow(() -> new Refusal(404, "No backup with id " + backupId));
    Repository target =
        repositories
            .byId(repositoryId)
            .orElseThrow(() -> new Refusal(404, "No repository with id " + repositoryId));
    CopyRules.checkCopyable(source, target);
    queries
        .completeCopy(backupId, repositoryId)
        .ifPresent(
            c -> {
              throw new Refusal(
                  409,
                  "Point "
                      + backupId
                      + " is copied into '"
                      + target.getName()
                      + "' already (point "
                      + c.getId()
                      + ")");
            });
    boolean busy =
        queries.activeCopyJobsOf(backupId).stream()
            .anyMatch(j -> j.getRepository().getId().equals(repositoryId));
    if (busy) {
      throw new Refusal(
          409,
          "A copy of point " + backupId + " into '" + target.getName() + "' is queued already");
    }
    BackupJob job = new BackupJob();
    job.setJobKind(JobKind.COPY);
    job.setVm(source.getVm());
    job.setRepository(target);
    job.setCopySourceBackupId(backupId);
    job.setCopyRuleId(ruleId);
    job.setCopyMode(mode.name());
    job.setRequestedType("copy");
    job.setRequestedBy(user);
    job.setWaitReason("Waiting for a free slot");
    jobs.save(job);
    queued.fire(new JobQueued(job.getId()));
    return job.getId();
  }

  /** The copies of a point, in any repository (any status), oldest first. */
  @Transactional
  public List<Backup> copiesOf(long backupId) {
    backups.byId(backupId).orElseThrow(() -> new Refusal(404, "No backup with id " + backupId));
    List<Backup> copies = backups.copiesOf(backupId);
    copies.forEach(b -> b.getRepository().getName());
    return copies;
  }

  static CopyMode mode(String value) {
    if (value == null || value.isBlank()) {
      return CopyMode.INCREMENTAL;
    }
    try {
      return CopyMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Refusal(400, "mode must be INCREMENTAL or FULL, not '" + value + "'");
    }
  }
}
