package io.sendense.webapp.backup;

/**
 * CDI event fired once when a {@code backup-vm} job execution ends, whatever the outcome: the flow
 * engine rolls flow executions up from it.
 *
 * @param jobExecutionId the batch execution that ended
 * @param vmContextId the VM it backed up
 * @param flowExecutionId the flow execution that started it, or {@code null} for a manual backup
 * @param backupId the backup it created, or {@code null} when it failed before creating one
 * @param status {@code COMPLETED}, {@code FAILED}, {@code STOPPED} or {@code ABANDONED}
 * @param error what went wrong, or {@code null}
 */
public record BackupJobEnded(
    long jobExecutionId,
    long vmContextId,
    Long flowExecutionId,
    Long backupId,
    String status,
    String error) {
  public boolean succeeded() {
    return "COMPLETED".equals(status);
  }
}
