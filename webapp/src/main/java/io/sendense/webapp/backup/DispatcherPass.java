package io.sendense.webapp.backup;

import jakarta.batch.operations.JobOperator;

/**
 * Another queue that runs on the backup dispatcher's thread, after the backup queue, because batch
 * jobs must start from that thread's component context (the VM restore queue, {@code
 * io.sendense.webapp.vmrestore.VmRestoreDispatcher}). The interface keeps the dispatcher from
 * depending on the features whose queues it runs.
 */
public interface DispatcherPass {
  /** One pass; returns whether work is queued or running (the dispatcher then ticks faster). */
  boolean pass(JobOperator operator);
}
