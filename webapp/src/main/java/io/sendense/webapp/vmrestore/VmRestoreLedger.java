package io.sendense.webapp.vmrestore;

import io.sendense.persistence.restore.RestoreJob;
import io.sendense.persistence.restore.RestoreJobPhase;
import io.sendense.persistence.restore.RestoreJobStatus;
import io.sendense.persistence.restore.RestoreJobStore;
import io.sendense.webapp.backup.JobChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/**
 * Records what happens to VM restores as the dispatcher runs them, each change in its own
 * transaction: started, ended, and, after the hub restarted, interrupted restores put back in the
 * queue so that a new execution goes on with their VM. The dispatcher sees only the restores placed
 * on the hub ({@link VmRestorePlacement}); a node's restores are its poll's, and go on while the
 * hub restarts.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class VmRestoreLedger {
  @Inject Clock clock;
  @Inject RestoreJobStore jobs;
  @Inject Event<JobChanged> changed;
  @Inject VmRestorePlacement placement;

  /** A restore the batch runtime runs. */
  public record Running(long id, long jobExecutionId) {}

  public List<Long> queued() {
    return jobs.inStatus(List.of(RestoreJobStatus.QUEUED)).stream()
        .filter(placement::onHub)
        .map(RestoreJob::getId)
        .toList();
  }

  public List<Running> running() {
    return jobs.inStatus(List.of(RestoreJobStatus.RUNNING)).stream()
        .filter(j -> j.getNode() == null && j.getJobExecutionId() != null)
        .map(j -> new Running(j.getId(), j.getJobExecutionId()))
        .toList();
  }

  /**
   * Marks the restore running before its execution starts: the job records its own end, which must
   * not be overwritten by this.
   */
  public void starting(long id) {
    RestoreJob job = job(id);
    job.setStatus(RestoreJobStatus.RUNNING);
    job.setJobExecutionId(null);
    job.setExecutions(job.getExecutions() + 1);
    if (job.getStartedAt() == null) {
      job.setStartedAt(clock.instant());
    }
    job.setErrorMessage(null);
    job.setPhase(RestoreJobPhase.PREPARE);
    changed.fire(new JobChanged());
  }

  /** The execution that runs the restore now. */
  public void started(long id, long jobExecutionId, long jobInstanceId) {
    RestoreJob job = job(id);
    job.setJobExecutionId(jobExecutionId);
    job.setJobInstanceId(jobInstanceId);
  }

  /** The runtime refused to start it. */
  public void notStarted(long id, String reason) {
    RestoreJob job = job(id);
    job.setExecutions(Math.max(0, job.getExecutions() - 1));
    end(job, reason);
  }

  /**
   * The execution ended; a restore its job did not record as ended (the runtime stopped it before
   * the listener ran) is marked failed with the runtime's word.
   */
  public void ended(long id, String batchStatus, String exitStatus) {
    RestoreJob job = job(id);
    if (job.getStatus() == RestoreJobStatus.RUNNING) {
      end(
          job,
          exitStatus != null && !exitStatus.equals(batchStatus)
              ? exitStatus
              : "The job ended " + batchStatus);
    }
  }

  /**
   * Restores an earlier hub process was running: their executions died with it and ran no listener,
   * so their VM and written disks are still recorded. Each goes back in the queue.
   */
  public int requeueInterrupted() {
    List<RestoreJob> interrupted =
        jobs.inStatus(List.of(RestoreJobStatus.RUNNING)).stream()
            .filter(j -> j.getNode() == null)
            .toList();
    for (RestoreJob job : interrupted) {
      job.setStatus(RestoreJobStatus.QUEUED);
      job.setInterruptions(job.getInterruptions() + 1);
      job.setPhase(RestoreJobPhase.RESUMING);
    }
    return interrupted.size();
  }

  /**
   * A node took the restore: it runs there as the execution the hub allocated (a node's own batch
   * ids restart with its process).
   */
  public void takenByNode(long id, io.sendense.persistence.node.Node node, long executionId) {
    starting(id);
    RestoreJob job = job(id);
    job.setNode(node);
    job.setNodeContactAt(clock.instant());
    job.setJobExecutionId(executionId);
    job.setJobInstanceId(executionId);
  }

  /** Fails a restore whose node stopped reporting on it; false when it is not running. */
  public boolean nodeLost(long id, String reason) {
    RestoreJob job = job(id);
    if (job.getStatus() != RestoreJobStatus.RUNNING) {
      return false;
    }
    end(job, reason);
    return true;
  }

  private void end(RestoreJob job, String reason) {
    job.setStatus(RestoreJobStatus.FAILED);
    job.setPhase(RestoreJobPhase.FAILED);
    job.setEndedAt(clock.instant());
    job.setErrorMessage(reason);
    changed.fire(new JobChanged());
  }

  private RestoreJob job(long id) {
    return jobs.byId(id)
        .orElseThrow(() -> new IllegalArgumentException("No VM restore with id " + id));
  }
}
