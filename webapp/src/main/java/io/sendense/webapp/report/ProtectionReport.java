package io.sendense.webapp.report;

import io.sendense.webapp.schedule.CronExpression;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Protection status per VM: the age of its newest good restore point against the promise of the
 * flows that cover it (the recovery point objective, RPO). Plain logic, so it is tested without a
 * container; {@link ReportService} feeds it from the catalog.
 */
public final class ProtectionReport {
  /** How many of a schedule's coming runs are looked at to find its longest gap. */
  static final int RUNS_LOOKED_AT = 8;

  private ProtectionReport() {}

  /** A VM as the report lists it. */
  public record Vm(long id, String name) {}

  /** An enabled flow, its schedule (cron null: runs by hand only) and the VMs it backs up now. */
  public record Cover(String flowName, String cron, String timeZone, Set<Long> vmIds) {}

  /**
   * The rows, in the order of {@code vms}.
   *
   * @param lastGood per VM id, when its newest COMPLETE restore point was completed
   */
  public static List<VmProtection> of(
      List<Vm> vms, List<Cover> covers, Map<Long, Instant> lastGood, Instant now) {
    List<Long> gaps = new ArrayList<>(covers.size());
    for (Cover c : covers) {
      gaps.add(rpoSeconds(c.cron(), c.timeZone(), now));
    }
    List<VmProtection> rows = new ArrayList<>(vms.size());
    for (Vm vm : vms) {
      List<String> flows = new ArrayList<>();
      Long target = null;
      for (int i = 0; i < covers.size(); i++) {
        Cover c = covers.get(i);
        if (!c.vmIds().contains(vm.id())) {
          continue;
        }
        flows.add(c.flowName());
        Long gap = gaps.get(i);
        if (gap != null && (target == null || gap < target)) {
          target = gap;
        }
      }
      Instant at = lastGood.get(vm.id());
      Long age = at == null ? null : Math.max(0, Duration.between(at, now).toSeconds());
      rows.add(
          new VmProtection(vm.id(), vm.name(), flows, target, at, age, status(flows, target, age)));
    }
    return rows;
  }

  static ProtectionStatus status(List<String> flows, Long target, Long age) {
    if (flows.isEmpty()) {
      return ProtectionStatus.UNPROTECTED;
    }
    if (age == null) {
      return ProtectionStatus.NO_POINT;
    }
    if (target == null) {
      return ProtectionStatus.NO_SCHEDULE;
    }
    return age <= target ? ProtectionStatus.OK : ProtectionStatus.LATE;
  }

  /**
   * The promise a schedule makes, in seconds: the longest gap between its next runs (a weekday
   * schedule promises a weekend's gap, not a day's). Null for a flow without a schedule.
   */
  static Long rpoSeconds(String cron, String timeZone, Instant now) {
    if (cron == null || cron.isBlank()) {
      return null;
    }
    CronExpression schedule = CronExpression.parse(cron);
    ZoneId zone = ZoneId.of(timeZone == null || timeZone.isBlank() ? "UTC" : timeZone);
    Optional<Instant> previous = schedule.next(now, zone);
    long longest = 0;
    for (int i = 0; i < RUNS_LOOKED_AT && previous.isPresent(); i++) {
      Optional<Instant> next = schedule.next(previous.get(), zone);
      if (next.isEmpty()) {
        break;
      }
      longest = Math.max(longest, Duration.between(previous.get(), next.get()).toSeconds());
      previous = next;
    }
    return longest == 0 ? null : longest;
  }
}
