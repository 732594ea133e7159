package io.sendense.webapp.backup;

import jakarta.enterprise.context.ApplicationScoped;

/** Starts {@code backup-vm} jobs in the hub's batch runtime. */
@ApplicationScoped
public class BackupService {
  /**
   * Starts one backup job of a VM into a repository, or queues it when the concurrency limits are
   * reached; returns at once with the batch execution id. Fires {@link BackupJobEnded} when it
   * ends.
   *
   * @param requestedType {@code auto} (incremental where a parent exists) or {@code full}
   * @throws io.sendense.webapp.common.Refusal if the VM or repository is unknown or unusable
   */
  public long start(
      long vmContextId,
      long repositoryId,
      Long flowExecutionId,
      String requestedType,
      String username) {
    throw new UnsupportedOperationException("Backup jobs are being wired into the hub (issue 6)");
  }
}
