package io.sendense.webapp.vmrestore;

import io.sendense.persistence.restore.RestoreJob;
import io.sendense.persistence.restore.RestoreJobStatus;
import io.sendense.persistence.restore.RestoreJobStore;
import io.sendense.webapp.lifecycle.BackupHolds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** A restore point a queued or running VM restore reads must not be deleted. */
@ApplicationScoped
public class VmRestoreHolds implements BackupHolds {
  @Inject RestoreJobStore jobs;

  @Override
  public Optional<String> holdOn(long backupId) {
    return jobs.inStatus(List.of(RestoreJobStatus.QUEUED, RestoreJobStatus.RUNNING)).stream()
        .filter(j -> Long.valueOf(backupId).equals(j.getBackupId()))
        .map(RestoreJob::getId)
        .findFirst()
        .map(id -> "VM restore " + id + " reads it; wait until it ends or cancel it");
  }
}
