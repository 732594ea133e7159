package io.sendense.webapp.notification;

import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.flow.ExecutionStatus;
import io.sendense.persistence.flow.FlowExecution;
import io.sendense.persistence.flow.FlowStore;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.repository.RepositoryStore;
import io.sendense.persistence.source.SourceStore;
import io.sendense.persistence.source.Vm;
import io.sendense.webapp.backup.BackupJobEnded;
import io.sendense.webapp.flow.FlowRunMissed;
import io.sendense.webapp.lifecycle.PointDamaged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads from the catalog what the messages of each happening say. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class NotificationFacts {
  @Inject FlowStore flows;
  @Inject SourceStore sources;
  @Inject BackupStore backups;
  @Inject RepositoryStore repositories;

  public Optional<Happening> flowRun(long executionId) {
    return flows
        .execution(executionId)
        .filter(e -> e.getStatus() != ExecutionStatus.RUNNING)
        .map(
            e ->
                Happenings.flowRun(
                    new Happenings.FlowRunFacts(
                        e.getFlow().getId(),
                        e.getFlow().getName(),
                        e.getId(),
                        e.getStatus().name(),
                        e.getVmsTotal(),
                        e.getVmsSucceeded(),
                        e.getVmsFailed(),
                        e.getStartedAt(),
                        e.getCompletedAt(),
                        e.getMessage())));
  }

  public Happening manualBackupFailed(BackupJobEnded job) {
    String vm = sources.vm(job.vmId()).map(Vm::getName).orElse("#" + job.vmId());
    return Happenings.manualBackupFailed(
        job.jobId(), job.jobExecutionId(), vm, job.status(), job.error());
  }

  public Optional<Happening> missed(FlowRunMissed run) {
    return flows
        .byId(run.flowId())
        .map(f -> Happenings.missed(f.getId(), f.getName(), run.executionId(), run.plannedAt()));
  }

  public Happening damaged(PointDamaged point) {
    String vm = sources.vm(point.vmId()).map(Vm::getName).orElse("#" + point.vmId());
    String repository =
        repositories
            .byId(point.repositoryId())
            .map(Repository::getName)
            .orElse("#" + point.repositoryId());
    return Happenings.damaged(
        point.backupId(), vm, repository, point.status().name(), point.detail());
  }

  /** Repositories whose capacity is known: id, name, used and total bytes. */
  public List<Capacity> capacities() {
    List<Capacity> all = new ArrayList<>();
    for (Repository r : repositories.all()) {
      Long total = r.getCapacityTotalBytes();
      Long used = r.getCapacityUsedBytes();
      if (r.isEnabled() && total != null && total > 0 && used != null) {
        all.add(new Capacity(r.getId(), r.getName(), used, total));
      }
    }
    return all;
  }

  /** A repository's last measured space. */
  public record Capacity(long id, String name, long used, long total) {
    public int percent() {
      return (int) Math.round(used * 100.0 / total);
    }
  }

  /** The summary of the day {@code day}: runs that started since {@code since}. */
  public Happening summary(String day, Instant since) {
    Map<String, Integer> runs = new TreeMap<>();
    List<String> failed = new ArrayList<>();
    for (FlowExecution e : flows.executionsSince(since)) {
      runs.merge(e.getStatus().name(), 1, Integer::sum);
      if (e.getStatus() == ExecutionStatus.FAILED || e.getStatus() == ExecutionStatus.PARTIAL) {
        failed.add(
            e.getFlow().getName()
                + " "
                + e.getStatus()
                + " at "
                + e.getStartedAt()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      }
    }
    List<String> space = new ArrayList<>();
    for (Repository r : repositories.all()) {
      space.add(
          r.getName()
              + ": "
              + (r.getCapacityTotalBytes() == null
                  ? "capacity not measured"
                  : r.getCapacityFreeBytes() + " of " + r.getCapacityTotalBytes() + " bytes free"));
    }
    return Happenings.summary(day, runs, failed, space);
  }
}
