package io.sendense.webapp.backup;

/**
 * CDI event fired once each time a backup job ends, whatever the outcome (a restarted job that ends
 * again fires again): the flow engine rolls flow executions up from it.
 *
 * @param jobId the hub's backup job (the console row; {@link BackupService#start} returned it)
 * @param jobExecutionId the batch execution that ended, or {@code null} if it never started
 * @param vmId the VM it backed up
 * @param flowExecutionId the flow execution that started it, or {@code null} for a manual backup
 * @param backupId the backup it created, or {@code null} when it failed before creating one
 * @param status {@code COMPLETED}, {@code FAILED}, {@code STOPPED} or {@code ABANDONED}
 * @param error what went wrong, or {@code null}
 */
public record BackupJobEnded(
    long jobId,
    Long jobExecutionId,
    long vmId,
    Long flowExecutionId,
    Long backupId,
    String status,
    String error) {
  public boolean succeeded() {
    return "COMPLETED".equals(status);
  }
}
