package io.sendense.webapp.node;

import io.sendense.batch.wire.ExecutionReport;
import io.sendense.batch.wire.WorkItem;
import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupJob;
import io.sendense.persistence.backup.BackupJobStatus;
import io.sendense.persistence.backup.BackupJobStore;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.node.Node;
import io.sendense.persistence.node.NodeStore;
import io.sendense.webapp.config.HubSettings;
import io.sendense.webapp.repository.RepositoryService;
import io.sendense.webapp.source.SourceService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The catalog steps of node jobs, each its own transaction ({@link NodeWork} runs them). */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class NodeJobRecords {
  @Inject NodeStore nodes;
  @Inject BackupJobStore jobs;
  @Inject SourceService sources;
  @Inject RepositoryService repositories;
  @Inject HubSettings settings;
  @Inject Clock clock;

  /** What a poll decided: jobs to start (with the backup each resumes, or null) and to stop. */
  public record Decision(Map<Long, Long> start, List<Long> stop) {
    boolean isEmpty() {
      return start.isEmpty() && stop.isEmpty();
    }
  }

  public Decision decide(long nodeId, Set<Long> reportedRunning, Set<Long> stopRequested) {
    Node node = nodes.byId(nodeId).orElseThrow();
    List<BackupJob> mine = jobs.onNode(node, List.of(BackupJobStatus.RUNNING));
    Set<Long> hubRunning = new HashSet<>();
    Map<Long, Long> start = new LinkedHashMap<>();
    Set<Long> vms = new HashSet<>();
    for (BackupJob job : mine) {
      hubRunning.add(job.getId());
      vms.add(job.getVm().getId());
      if (!reportedRunning.contains(job.getId()) && !stopRequested.contains(job.getId())) {
        start.put(job.getId(), resumable(job));
      }
    }
    List<Long> stop = new ArrayList<>();
    for (long id : reportedRunning) {
      if (!hubRunning.contains(id) || stopRequested.contains(id)) {
        stop.add(id);
      }
    }
    boolean accepting =
        !node.isDraining() && node.getStatus() == io.sendense.persistence.node.NodeState.ACTIVE;
    Map<Long, BackupJob> queued = new LinkedHashMap<>();
    jobs.queuedForNode(node).forEach(j -> queued.put(j.getId(), j));
    List<NodeSlots.Queued> waiting =
        queued.values().stream()
            .map(j -> new NodeSlots.Queued(j.getId(), j.getVm().getId()))
            .toList();
    int limit = NodeSlots.limit(node.getJobLimit(), settings.jobsPerNode());
    for (long id : NodeSlots.claim(limit, accepting, mine.size(), vms, waiting)) {
      start.put(id, resumable(queued.get(id)));
    }
    return new Decision(start, stop);
  }

  public long executions(long jobId, long nodeId) {
    BackupJob job = jobs.byId(jobId).orElseThrow();
    job.setNode(nodes.byId(nodeId).orElseThrow());
    job.setNodeContactAt(clock.instant());
    return job.getExecutions() + 1L;
  }

  public WorkItem item(long jobId, Long resumeBackupId) {
    BackupJob job = jobs.byId(jobId).orElseThrow();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("vmId", Long.toString(job.getVm().getId()));
    p.put("repositoryId", Long.toString(job.getRepository().getId()));
    p.put("backupType", "full".equals(job.getRequestedType()) ? "full" : "incremental");
    p.put("threads", Integer.toString(settings.disksInParallel()));
    p.put("blockSize", Integer.toString(settings.blockBytes()));
    p.put("chunkItems", Integer.toString(settings.chunkItems()));
    p.put("hubJobId", Long.toString(jobId));
    if (resumeBackupId != null) {
      p.put("resumeBackupId", Long.toString(resumeBackupId));
    }
    return new WorkItem(
        jobId,
        job.getJobInstanceId(),
        job.getJobExecutionId(),
        Long.toString(job.getVm().getId()),
        job.getVm().getMoref(),
        p,
        sources.forNode(job.getVm().getSource()),
        repositories.forNode(job.getRepository()));
  }

  /** The node's job that ran as {@code jobExecutionId}, if the node runs it now. */
  public Optional<BackupJob> runningJob(long nodeId, long jobId) {
    return jobs.byId(jobId)
        .filter(j -> j.getStatus() == BackupJobStatus.RUNNING)
        .filter(j -> j.getNode() != null && j.getNode().getId() == nodeId);
  }

  /** Notes the node's report on a job (telemetry, catalog call) for the stale check. */
  public void contact(long jobId) {
    jobs.nodeContact(jobId, clock.instant());
  }

  /** Whether one of the node's running jobs is a backup of {@code vmId}. */
  public boolean runsVm(long nodeId, String vmId) {
    return mine(nodeId).stream().anyMatch(j -> String.valueOf(j.getVm().getId()).equals(vmId));
  }

  /** Whether {@code backupId} is the backup of one of the node's running jobs. */
  public boolean runsBackup(long nodeId, long backupId) {
    return mine(nodeId).stream()
        .anyMatch(j -> j.getBackup() != null && j.getBackup().getId() == backupId);
  }

  /** The node's running job that runs as {@code executionId}, if any. */
  public Optional<Long> jobOfExecution(long nodeId, long executionId) {
    return mine(nodeId).stream()
        .filter(j -> j.getJobExecutionId() != null && j.getJobExecutionId() == executionId)
        .map(BackupJob::getId)
        .findFirst();
  }

  private List<BackupJob> mine(long nodeId) {
    return nodes
        .byId(nodeId)
        .map(n -> jobs.onNode(n, List.of(BackupJobStatus.RUNNING)))
        .orElse(List.of());
  }

  /** The node reports these jobs running: notes the contact for those that are its own. */
  public void contact(long nodeId, Set<Long> running) {
    for (BackupJob job : mine(nodeId)) {
      if (running.contains(job.getId())) {
        jobs.nodeContact(job.getId(), clock.instant());
      }
    }
  }

  /**
   * Keeps the node's report of its running job's execution for the console; a report on a job the
   * node no longer runs (the hub ended it) is dropped.
   */
  public void report(long nodeId, long jobId, long executionId, ExecutionReport report) {
    runningJob(nodeId, jobId)
        .ifPresent(job -> jobs.nodeReport(job, executionId, report.toJson().toString()));
  }

  public boolean ownsExecution(long nodeId, long jobId, long executionId) {
    return runningJob(nodeId, jobId)
        .map(j -> j.getJobExecutionId() != null && j.getJobExecutionId() == executionId)
        .orElse(false);
  }

  public record Stale(long jobId, String vmId, String reason) {}

  public List<Stale> stale(Instant limit) {
    List<Stale> out = new ArrayList<>();
    for (BackupJob job : jobs.inStatus(List.of(BackupJobStatus.RUNNING))) {
      Instant contact = job.getNodeContactAt();
      if (job.getNode() != null && contact != null && contact.isBefore(limit)) {
        out.add(
            new Stale(
                job.getId(),
                String.valueOf(job.getVm().getId()),
                "Node '"
                    + job.getNode().getName()
                    + "' has not reported on this job since "
                    + contact
                    + " (grace "
                    + settings.nodesJobGrace().toSeconds()
                    + " s); the job failed and the hub removes its backup snapshot"));
      }
    }
    return out;
  }

  private static Long resumable(BackupJob job) {
    Backup backup = job.getBackup();
    return backup != null && backup.getStatus() != BackupStatus.COMPLETE ? backup.getId() : null;
  }
}
