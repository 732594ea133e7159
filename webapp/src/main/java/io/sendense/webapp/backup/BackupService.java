package io.sendense.webapp.backup;

import io.sendense.persistence.backup.BackupJob;
import io.sendense.persistence.backup.BackupJobStore;
import io.sendense.persistence.common.PresenceState;
import io.sendense.persistence.flow.FlowExecution;
import io.sendense.persistence.flow.FlowStore;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.repository.RepositoryStore;
import io.sendense.persistence.source.SourceStore;
import io.sendense.persistence.source.Vm;
import io.sendense.webapp.common.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Locale;
import java.util.Set;

/**
 * Starts {@code backup-vm} jobs: a request becomes a QUEUED backup job at once, and the {@link
 * JobDispatcher} starts it in the batch runtime as soon as the concurrency limits allow.
 */
@ApplicationScoped
public class BackupService {
  private static final Set<String> TYPES = Set.of("auto", "full", "incremental");

  @Inject SourceStore sources;
  @Inject RepositoryStore repositories;
  @Inject BackupJobStore jobs;
  @Inject FlowStore flows;
  @Inject Event<JobQueued> queued;

  /**
   * Queues one backup of a VM into a repository and returns at once with the hub's job id (the
   * console's row; its batch execution id appears when it starts). Fires {@link BackupJobEnded}
   * when it ends.
   *
   * @param requestedType {@code auto} (incremental where a parent exists) or {@code full}
   * @throws Refusal if the VM or repository is unknown or unusable
   */
  @Transactional
  public long start(
      long vmId, long repositoryId, Long flowExecutionId, String requestedType, String username) {
    String type = requestedType == null ? "auto" : requestedType.strip().toLowerCase(Locale.ROOT);
    if (!TYPES.contains(type)) {
      throw new Refusal(400, "type must be auto or full, not '" + requestedType + "'");
    }
    Vm vm = sources.vm(vmId).orElseThrow(() -> new Refusal(404, "No VM with id " + vmId));
    if (vm.getState() != PresenceState.PRESENT) {
      throw new Refusal(
          409, "VM '" + vm.getName() + "' is no longer in its source; it cannot be backed up");
    }
    Repository repository =
        repositories
            .byId(repositoryId)
            .orElseThrow(() -> new Refusal(404, "No repository with id " + repositoryId));
    if (!repository.isEnabled()) {
      throw new Refusal(
          409, "Repository '" + repository.getName() + "' is disabled; enable it first");
    }
    BackupJob job = new BackupJob();
    job.setVm(vm);
    job.setRepository(repository);
    if (flowExecutionId != null) {
      FlowExecution execution =
          flows
              .execution(flowExecutionId)
              .orElseThrow(() -> new Refusal(404, "No flow execution with id " + flowExecutionId));
      job.setFlowExecution(execution);
    }
    job.setRequestedType(type.equals("incremental") ? "auto" : type);
    job.setRequestedBy(username);
    job.setWaitReason("Waiting for a free slot");
    jobs.save(job);
    queued.fire(new JobQueued(job.getId()));
    return job.getId();
  }
}
