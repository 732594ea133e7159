package io.sendense.webapp.dashboard;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.TelemetrySnapshot;
import io.sendense.persistence.flow.ExecutionStatus;
import io.sendense.persistence.flow.FlowStore;
import io.sendense.persistence.summary.SummaryStore;
import io.sendense.persistence.vm.VmStore;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Gathers the dashboard: protection coverage, the last day's runs, what runs, what needs care. */
@ApplicationScoped
@Transactional
public class DashboardService {
  @Inject FlowStore flows;
  @Inject GroupService groups;
  @Inject VmStore machines;
  @Inject RepositoryService repositories;
  @Inject Clock clock;
  @Inject SummaryStore summary;

  @Inject
  @ConfigProperty(name = "sendense.dashboard.capacity-warning-percent", defaultValue = "80")
  int capacityWarningPercent;

  @Inject
  @ConfigProperty(name = "sendense.dashboard.cache-seconds", defaultValue = "5")
  int cacheSeconds;

  /**
   * The counts are kept {@code cacheSeconds} so that many open dashboards refreshing at once (a
   * push reaches them all) run the aggregate queries once; a change that the dashboard is told of
   * drops them first ({@link #forgetCounts}).
   */
  private volatile Counts cached;

  /** Counted up by {@link #forgetCounts}: counts read before it are not kept. */
  private final AtomicLong generation = new AtomicLong();

  private volatile Instant catalogCountsAt;
  private volatile SummaryStore.CatalogCounts catalogCounts;

  /** How many sources, VMs, repositories, flows and points there are, kept as the counts are. */
  public SummaryStore.CatalogCounts catalogCounts() {
    Instant now = clock.instant();
    Instant at = catalogCountsAt;
    SummaryStore.CatalogCounts last = catalogCounts;
    if (last != null
        && at != null
        && !now.isBefore(at)
        && now.isBefore(at.plusSeconds(cacheSeconds))) {
      return last;
    }
    long reading = generation.get();
    SummaryStore.CatalogCounts fresh = summary.counts();
    synchronized (this) {
      if (reading == generation.get()) {
        catalogCounts = fresh;
        catalogCountsAt = now;
      }
    }
    return fresh;
  }

  /** Drops the cached counts: the next dashboard reads them anew (called before a push). */
  public synchronized void forgetCounts() {
    generation.incrementAndGet();
    cached = null;
    catalogCounts = null;
    catalogCountsAt = null;
  }

  /** The first-run guidance, from the (cached) catalog counts and the number of flow runs. */
  public GettingStarted gettingStarted() {
    SummaryStore.CatalogCounts c = catalogCounts();
    long runs = c.restorePoints() > 0 ? 1 : summary.flowRuns();
    return GettingStarted.of(
        new GettingStarted.Catalog(
            c.sources(), c.vms(), c.repositories(), c.flows(), runs, c.restorePoints()));
  }

  /** The catalog-wide counts: aggregate queries, kept {@code cacheSeconds}. */
  private record Counts(
      Instant at,
      int covered,
      int uncovered,
      Map<ExecutionStatus, Long> day,
      SummaryStore.VerificationCounts verification) {}

  public DashboardData load() {
    Instant now = clock.instant();
    Counts counts = counts(now);
    List<DashboardData.Failure> failures =
        flows.failuresSince(now.minus(Duration.ofDays(7)), 10).stream()
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
        counts.covered(),
        counts.uncovered(),
        counts.day().getOrDefault(ExecutionStatus.SUCCESS, 0L).intValue(),
        counts.day().getOrDefault(ExecutionStatus.PARTIAL, 0L).intValue(),
        counts.day().getOrDefault(ExecutionStatus.FAILED, 0L).intValue(),
        running(),
        repositories.list(),
        capacityWarningPercent,
        missed(now),
        failures,
        counts.verification());
  }

  private Counts counts(Instant now) {
    Counts last = cached;
    if (last != null
        && !now.isBefore(last.at())
        && now.isBefore(last.at().plusSeconds(cacheSeconds))) {
      return last;
    }
    long reading = generation.get();
    int present = (int) summary.presentVms();
    int covered = coveredVms();
    Counts fresh =
        new Counts(
            now,
            covered,
            present - covered,
            flows.executionCountsSince(now.minus(Duration.ofHours(24))),
            summary.verification());
    synchronized (this) {
      if (reading == generation.get()) {
        cached = fresh;
      }
    }
    return fresh;
  }

  /**
   * Present VMs that an enabled flow protects: counted in SQL, unless a protected group has a
   * membership rule (matched in Java), then by id.
   */
  private int coveredVms() {
    List<Long> ruleGroups = summary.ruleGroupsProtected();
    if (ruleGroups.isEmpty()) {
      return (int) summary.coveredVms();
    }
    Set<Long> ids = new HashSet<>(summary.coveredVmIds());
    for (Long group : ruleGroups) {
      groups.targets(group).forEach(v -> ids.add(v.getId()));
    }
    return ids.size();
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
                  b.getVm().getId(), b.getVm().getName(), flowName(b), percent, b.getStartedAt());
            })
        .toList();
  }

  private static String flowName(Backup b) {
    return b.getFlowExecution() == null ? null : b.getFlowExecution().getFlow().getName();
  }

  private List<DashboardData.MissedFlow> missed(Instant now) {
    return flows.overdue(now.minus(SchedulePlanner.DEFAULT_GRACE)).stream()
        .map(f -> new DashboardData.MissedFlow(f.getId(), f.getName(), f.getNextRunAt()))
        .toList();
  }
}
