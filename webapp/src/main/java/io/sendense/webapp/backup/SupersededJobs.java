package io.sendense.webapp.backup;

/**
 * What the dispatcher asks once it recorded a completed backup: abandon the older executions of the
 * VM that the new point supersedes. The job console's actions answer it ({@code
 * io.sendense.webapp.job.JobActions}); the interface keeps the dispatcher from depending on the
 * console.
 */
public interface SupersededJobs {
  /** Abandons what job {@code completedJobId} supersedes; called on the dispatcher's thread. */
  void abandonSuperseded(long completedJobId);
}
