package io.sendense.webapp.plugin;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupJob;
import io.sendense.persistence.backup.BackupJobStatus;
import io.sendense.persistence.backup.BackupJobStore;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.backup.JobKind;
import io.sendense.persistence.restore.RestoreJob;
import io.sendense.persistence.restore.RestoreJobStatus;
import io.sendense.persistence.restore.RestoreJobStore;
import io.sendense.persistence.source.SourceStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What is using the source and repository types of a plugin right now: running backup jobs (their
 * VM's source, their repository), running copy jobs (the repository they read from and the one they
 * write to), running whole-VM restores (their source, the repository of their point) and open
 * file-restore sessions (the repository of their point). A plugin is not disabled, unloaded or
 * reloaded from under them.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class PluginUsage {
  @Inject BackupJobStore backupJobs;
  @Inject RestoreJobStore restoreJobs;
  @Inject BackupStore backups;
  @Inject SourceStore sources;
  @Inject OpenFileRestores sessions;

  /** One line per user of any of {@code typeIds}, e.g. "backup job 12 of VM web01". */
  public List<String> users(Set<String> typeIds) {
    List<String> users = new ArrayList<>();
    users.addAll(
        jobUsers(backupJobs.inStatus(List.of(BackupJobStatus.RUNNING)), typeIds, backups::byId));
    for (RestoreJob job : restoreJobs.inStatus(List.of(RestoreJobStatus.RUNNING))) {
      boolean source =
          job.getSourceId() != null
              && sources
                  .byId(job.getSourceId())
                  .map(s -> typeIds.contains(s.getPluginId()))
                  .orElse(false);
      if (source || repositoryTypeOf(job.getBackupId(), typeIds)) {
        users.add("restore job " + job.getId() + " of VM " + job.getVmName());
      }
    }
    for (long backup : sessions.openBackups()) {
      if (repositoryTypeOf(backup, typeIds)) {
        users.add("a file-restore session of restore point " + backup);
      }
    }
    return users;
  }

  /**
   * The running backup and copy jobs among {@code running} that use one of {@code typeIds}: a
   * backup job its VM's source and the repository it writes to; a copy job the repository it reads
   * from (that of the point it copies, found with {@code backupById}) and the one it writes to.
   */
  static List<String> jobUsers(
      List<BackupJob> running, Set<String> typeIds, Function<Long, Optional<Backup>> backupById) {
    List<String> users = new ArrayList<>();
    for (BackupJob job : running) {
      boolean writes = typeIds.contains(job.getRepository().getType());
      if (job.getJobKind() == JobKind.COPY) {
        boolean reads =
            job.getCopySourceBackupId() != null
                && backupById
                    .apply(job.getCopySourceBackupId())
                    .map(b -> typeIds.contains(b.getRepository().getType()))
                    .orElse(false);
        if (reads || writes) {
          users.add("copy job " + job.getId() + " of VM " + job.getVm().getName());
        }
      } else if (writes || typeIds.contains(job.getVm().getSource().getPluginId())) {
        users.add("backup job " + job.getId() + " of VM " + job.getVm().getName());
      }
    }
    return users;
  }

  private boolean repositoryTypeOf(Long backupId, Set<String> typeIds) {
    return backupId != null
        && backups
            .byId(backupId)
            .map(b -> typeIds.contains(b.getRepository().getType()))
            .orElse(false);
  }
}
