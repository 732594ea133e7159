package io.sendense.webapp.job;

import io.sendense.persistence.backup.BackupJobStatus;
import io.sendense.persistence.restore.RestoreJobStatus;
import io.sendense.webapp.vmrestore.VmRestoreDto;

/**
 * VM restores as rows of the job console: the console's job model with job name {@code restore-vm},
 * the VM shown as "original → new name", no repository or flow.
 */
final class RestoreRows {
  static final String JOB_NAME = "restore-vm";

  private RestoreRows() {}

  /** The restore status a backup job status filter means; null when none can match. */
  static RestoreJobStatus status(BackupJobStatus status) {
    if (status == null) {
      return null;
    }
    return switch (status) {
      case QUEUED -> RestoreJobStatus.QUEUED;
      case RUNNING -> RestoreJobStatus.RUNNING;
      case COMPLETED -> RestoreJobStatus.COMPLETED;
      default -> RestoreJobStatus.FAILED;
    };
  }

  static JobDto toJobDto(VmRestoreDto r) {
    return new JobDto(
        r.id(),
        JOB_NAME,
        null,
        null,
        r.executions(),
        r.sourceVmContextId() == null ? 0 : r.sourceVmContextId(),
        r.sourceVmName() + " → " + r.name(),
        0,
        "",
        null,
        null,
        null,
        r.backupId(),
        "restore",
        r.requestedBy(),
        r.status().name(),
        r.phase() == null ? null : r.phase().name(),
        r.waitReason() != null
            ? r.waitReason()
            : r.interruptions() > 0 ? "Resumed after " + r.interruptions() + " hub stop(s)" : null,
        r.queuedAt(),
        r.startedAt(),
        r.endedAt(),
        r.bytesDone(),
        r.bytesTotal(),
        r.rateBps(),
        r.etaSeconds(),
        r.error() != null ? r.error() : r.warning(),
        null,
        null,
        r.nodeName());
  }
}
