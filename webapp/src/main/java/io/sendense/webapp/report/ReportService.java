package io.sendense.webapp.report;

import io.sendense.persistence.audit.AuditEntry;
import io.sendense.persistence.flow.ExecutionStatus;
import io.sendense.persistence.flow.FlowStore;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.report.ReportStore;
import io.sendense.persistence.repository.CapacitySample;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.repository.RepositoryStore;
import io.sendense.persistence.restore.RestoreJob;
import io.sendense.persistence.source.SourceStore;
import io.sendense.persistence.source.Vm;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.group.GroupService;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The reports, read from the catalog for anyone signed in (viewers included). */
@ApplicationScoped
@Transactional
public class ReportService {
  @Inject ReportStore store;
  @Inject FlowStore flows;
  @Inject GroupService groups;
  @Inject SourceStore vms;
  @Inject RepositoryStore repositories;
  @Inject Clock clock;

  /** How far back the capacity forecast looks. */
  static final Duration CAPACITY_WINDOW = Duration.ofDays(30);

  /** The protection report and when it was made. */
  public record Protection(Instant generatedAt, List<VmProtection> vms) {}

  /** The success report over {@code days} and when it was made. */
  public record Success(Instant generatedAt, int days, List<FlowSuccess> flows) {}

  /** Every VM present in vCenter, with the flows that back it up now and its RPO status. */
  @RequiresRole(value = Roles.VIEWER, action = "read reports")
  public Protection protection() {
    Instant now = clock.instant();
    List<ProtectionReport.Vm> present =
        vms.searchVms(null, null, null, false).stream()
            .map(v -> new ProtectionReport.Vm(v.getId(), v.getName()))
            .toList();
    List<ProtectionReport.Cover> covers =
        flows.all().stream().filter(ProtectionFlow::isEnabled).map(this::cover).toList();
    return new Protection(now, ProtectionReport.of(present, covers, store.lastGoodPoints(), now));
  }

  /**
   * The SLA over the last {@code days} days (1 to 366) for every VM a scheduled flow covers now;
   * see {@link SlaReport}.
   */
  @RequiresRole(value = Roles.VIEWER, action = "read reports")
  public Sla sla(int days) {
    checkDays(days);
    Instant now = clock.instant();
    List<ProtectionFlow> enabled = flows.all().stream().filter(ProtectionFlow::isEnabled).toList();
    Map<Long, Instant> coveredSince = new HashMap<>();
    for (ProtectionFlow f : enabled) {
      for (Long vm : cover(f).vmIds()) {
        coveredSince.merge(vm, f.getCreatedAt(), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    List<SlaReport.Measured> measured = new ArrayList<>();
    long longest = 0;
    for (VmProtection p : protection().vms()) {
      if (p.rpoTargetSeconds() != null && coveredSince.containsKey(p.vmId())) {
        measured.add(
            new SlaReport.Measured(
                p.vmId(), p.vmName(), p.rpoTargetSeconds(), coveredSince.get(p.vmId())));
        longest = Math.max(longest, p.rpoTargetSeconds());
      }
    }
    Instant since = now.minus(Duration.ofDays(days)).minusSeconds(longest);
    Map<Long, NavigableSet<Instant>> points = new HashMap<>();
    for (ReportStore.GoodPoint p : store.goodPointsSince(since)) {
      points.computeIfAbsent(p.vmId(), id -> new TreeSet<>()).add(p.completedAt());
    }
    return SlaReport.of(measured, points, now, days);
  }

  /** The most rows of each kind the restore activity report lists. */
  static final int RESTORES_MAX = 2000;

  /** The restore activity report over {@code days} and when it was made. */
  public record Restores(Instant generatedAt, int days, List<RestoreActivity> restores) {}

  /**
   * File and disk image downloads (from the audit log) and whole-VM restores (from their jobs) of
   * the last {@code days} days, newest first; at most {@value #RESTORES_MAX} of each kind.
   */
  @RequiresRole(value = Roles.VIEWER, action = "read reports")
  public Restores restores(int days) {
    checkDays(days);
    Instant now = clock.instant();
    Instant since = now.minus(Duration.ofDays(days));
    List<RestoreActivity> rows = new ArrayList<>();
    for (AuditEntry a : store.restoreAudit(since, RESTORES_MAX)) {
      rows.add(
          new RestoreActivity(
              a.getOccurredAt(),
              a.getUsername(),
              a.getAction().equals("restore.image") ? "DISK_IMAGE" : "FILE_DOWNLOAD",
              a.getTarget(),
              a.getOutcome(),
              a.getDetail()));
    }
    for (RestoreJob j : store.restoreJobs(since, RESTORES_MAX)) {
      rows.add(
          new RestoreActivity(
              j.getQueuedAt(),
              j.getRequestedBy(),
              "VM_RESTORE",
              "VM "
                  + j.getVmName()
                  + " as "
                  + j.getTargetName()
                  + " (restore job "
                  + j.getId()
                  + ")",
              j.getStatus().name(),
              j.getErrorMessage()));
    }
    rows.sort(Comparator.comparing(RestoreActivity::at).reversed());
    return new Restores(now, days, rows);
  }

  /** The capacity report and when it was made. */
  public record Capacity(Instant generatedAt, List<CapacityTrend> repositories) {}

  /** Every repository's capacity now and its forecast from the readings of the last 30 days. */
  @RequiresRole(value = Roles.VIEWER, action = "read reports")
  public Capacity capacity() {
    Instant now = clock.instant();
    Map<Long, List<CapacityForecast.Reading>> readings = new HashMap<>();
    for (CapacitySample s : store.capacitySamples(now.minus(CAPACITY_WINDOW))) {
      readings
          .computeIfAbsent(s.getRepositoryId(), id -> new ArrayList<>())
          .add(new CapacityForecast.Reading(s.getSampledAt(), s.getFreeBytes()));
    }
    List<CapacityTrend> rows = new ArrayList<>();
    for (Repository r : repositories.all()) {
      List<CapacityForecast.Reading> mine = readings.getOrDefault(r.getId(), List.of());
      CapacityForecast.Result f = CapacityForecast.of(mine, r.getCapacityFreeBytes());
      rows.add(
          new CapacityTrend(
              r.getId(),
              r.getName(),
              r.getCapacityTotalBytes(),
              r.getCapacityUsedBytes(),
              r.getCapacityFreeBytes(),
              r.getCapacityCheckedAt(),
              mine.size(),
              mine.isEmpty() ? null : mine.get(0).at(),
              f.outlook(),
              f.growthBytesPerDay(),
              f.daysUntilFull()));
    }
    return new Capacity(now, rows);
  }

  /** Every flow with its runs started in the last {@code days} days (1 to 366). */
  @RequiresRole(value = Roles.VIEWER, action = "read reports")
  public Success success(int days) {
    checkDays(days);
    Instant now = clock.instant();
    Map<Long, Map<ExecutionStatus, Long>> counts = new HashMap<>();
    for (ReportStore.FlowOutcome o : store.flowOutcomes(now.minus(Duration.ofDays(days)))) {
      counts
          .computeIfAbsent(o.flowId(), id -> new EnumMap<>(ExecutionStatus.class))
          .merge(o.status(), o.count(), Long::sum);
    }
    List<FlowSuccess> rows =
        flows.all().stream()
            .map(
                f ->
                    FlowSuccess.of(
                        f.getId(),
                        f.getName(),
                        f.isEnabled(),
                        days,
                        counts.getOrDefault(f.getId(), Map.of())))
            .toList();
    return new Success(now, days, rows);
  }

  private static void checkDays(int days) {
    if (days < 1 || days > 366) {
      throw new Refusal(400, "days must be from 1 to 366, not " + days);
    }
  }

  private ProtectionReport.Cover cover(ProtectionFlow f) {
    Set<Long> ids =
        f.getTargetVm() != null
            ? Set.of(f.getTargetVm().getId())
            : groups.targets(f.getTargetGroup()).stream()
                .map(Vm::getId)
                .collect(Collectors.toSet());
    return new ProtectionReport.Cover(f.getName(), f.getCronSchedule(), f.getTimeZone(), ids);
  }
}
