package io.sendense.webapp.dashboard;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.TelemetrySnapshot;
import io.sendense.persistence.flow.ExecutionStatus;
import io.sendense.persistence.flow.FlowExecution;
import io.sendense.persistence.flow.FlowStore;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.machine.MachineStore;
import io.sendense.persistence.source.SourceStore;
import io.sendense.persistence.source.VmContext;
import io.sendense.persistence.summary.SummaryStore;
import io.sendense.webapp.group.GroupService;
import io.sendense.webapp.repository.RepositoryService;
import io.sendense.webapp.schedule.SchedulePlanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Gathers the dashboard: protection coverage, the last day's runs, what runs, what needs care. */
@ApplicationScoped
@Transactional
public class DashboardService {
  @Inject FlowStore flows;
  @Inject GroupService groups;
  @Inject SourceStore vms;
  @Inject MachineStore machines;
  @Inject RepositoryService repositories;
  @Inject Clock clock;
  @Inject SummaryStore summary;

  @Inject
  @ConfigProperty(name = "sendense.dashboard.capacity-warning-percent", defaultValue = "80")
  int capacityWarningPercent;

  public DashboardData load() {
    Instant now = clock.instant();
    List<VmContext> present = vms.searchVms(null, null, null, false);
    Set<Long> protectedIds = protectedVms();
    int covered = (int) present.stream().filter(v -> protectedIds.contains(v.getId())).count();
    List<FlowExecution> day = flows.executionsSince(now.minus(Duration.ofHours(24)));
    List<DashboardData.Failure> failures =
        flows.executionsSince(now.minus(Duration.ofDays(7))).stream()
            .filter(
                e ->
                    e.getStatus() == ExecutionStatus.FAILED
                        || e.getStatus() == ExecutionStatus.PARTIAL)
            .limit(10)
            .map(
                e ->
                    new DashboardData.Failure(
                        e.getFlow().getId(),
                        e.getFlow().getName(),
                        e.getStatus().name(),
                        e.getStartedAt(),
                        e.getMessage()))
            .toList();
    return new DashboardData(
        covered,
        present.size() - covered,
        count(day, ExecutionStatus.SUCCESS),
        count(day, ExecutionStatus.PARTIAL),
        count(day, ExecutionStatus.FAILED),
        running(),
        repositories.list(),
        capacityWarningPercent,
        missed(now),
        failures,
        summary.verification());
  }

  private Set<Long> protectedVms() {
    Set<Long> ids = new HashSet<>();
    for (ProtectionFlow f : flows.all()) {
      if (!f.isEnabled()) {
        continue;
      }
      if (f.getTargetVm() != null) {
        ids.add(f.getTargetVm().getId());
      } else {
        groups.targets(f.getTargetGroup()).forEach(v -> ids.add(v.getId()));
      }
    }
    return ids;
  }

  private List<DashboardData.RunningJob> running() {
    return machines.running().stream()
        .map(
            b -> {
              List<TelemetrySnapshot> t = machines.telemetryOf(b);
              TelemetrySnapshot last = t.isEmpty() ? null : t.get(t.size() - 1);
              int percent =
                  last == null || last.getBytesTotal() == 0
                      ? 0
                      : (int) Math.min(100, last.getBytesDone() * 100 / last.getBytesTotal());
              return new DashboardData.RunningJob(
                  b.getVmContext().getId(),
                  b.getVmContext().getName(),
                  flowName(b),
                  percent,
                  b.getStartedAt());
            })
        .toList();
  }

  private static String flowName(Backup b) {
    return b.getFlowExecution() == null ? null : b.getFlowExecution().getFlow().getName();
  }

  private List<DashboardData.MissedFlow> missed(Instant now) {
    Instant late = now.minus(SchedulePlanner.DEFAULT_GRACE);
    return flows.all().stream()
        .filter(f -> f.isEnabled() && f.getNextRunAt() != null && f.getNextRunAt().isBefore(late))
        .map(f -> new DashboardData.MissedFlow(f.getId(), f.getName(), f.getNextRunAt()))
        .toList();
  }

  private static int count(List<FlowExecution> executions, ExecutionStatus status) {
    return (int) executions.stream().filter(e -> e.getStatus() == status).count();
  }
}
