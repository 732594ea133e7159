package io.sendense.webapp.retention;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.flow.FlowStore;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.lifecycle.LifecycleStore;
import io.sendense.persistence.lifecycle.RetentionEvent;
import io.sendense.webapp.common.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a flow's retention rules keep of its restore points, and what retention did. */
@ApplicationScoped
@Transactional
public class RetentionService {
  @Inject FlowStore flows;
  @Inject BackupStore backups;
  @Inject LifecycleStore lifecycle;
  @Inject Clock clock;

  /**
   * What {@code rules} would keep of the flow's existing COMPLETE points, per VM, newest first.
   *
   * @param timeZone the zone days, weeks, months and years are taken in; null: the flow's
   */
  public List<PreviewRow> preview(long flowId, RetentionRules rules, String timeZone) {
    ProtectionFlow flow = find(flowId);
    rules
        .problem()
        .ifPresent(
            p -> {
              throw new Refusal(400, p);
            });
    ZoneId zone = zone(timeZone == null || timeZone.isBlank() ? flow.getTimeZone() : timeZone);
    RetentionPlanner planner = new RetentionPlanner(clock);
    List<PreviewRow> rows = new ArrayList<>();
    for (long vm : backups.vmsWithPointsOf(flowId)) {
      Map<Long, Backup> byId = new HashMap<>();
      List<RetentionPlanner.Point> points = new ArrayList<>();
      for (Backup b : backups.pointsOf(flowId, vm)) {
        byId.put(b.getId(), b);
        points.add(new RetentionPlanner.Point(b.getId(), b.getStartedAt()));
      }
      RetentionPlanner.Plan plan = planner.plan(points, rules, zone);
      plan.kept().forEach(k -> rows.add(row(byId.get(k.point().id()), true, k.reason())));
      plan.removable().forEach(p -> rows.add(row(byId.get(p.id()), false, "no rule keeps it")));
    }
    rows.sort(
        Comparator.comparing(PreviewRow::vmName)
            .thenComparing(PreviewRow::takenAt, Comparator.reverseOrder()));
    return rows;
  }

  /** The flow's retention history (deleted and deferred points), newest first. */
  public List<RetentionEventDto> history(long flowId, int max) {
    find(flowId);
    return lifecycle.eventsOf(flowId, Math.max(1, Math.min(max, 1000))).stream()
        .map(RetentionService::toDto)
        .toList();
  }

  static RetentionEventDto toDto(RetentionEvent e) {
    return new RetentionEventDto(
        e.getId(),
        e.getOccurredAt(),
        e.getAction().name(),
        e.getBackupId(),
        e.getVmId(),
        e.getVmName(),
        e.getPointStartedAt(),
        e.getDetail());
  }

  private static PreviewRow row(Backup b, boolean keep, String reason) {
    return new PreviewRow(
        b.getId(),
        b.getVm().getId(),
        b.getVm().getName(),
        b.getStartedAt(),
        keep,
        b.isLocked() && !keep ? "locked: kept although no rule keeps it" : reason);
  }

  private ProtectionFlow find(long id) {
    return flows.byId(id).orElseThrow(() -> new Refusal(404, "No protection flow with id " + id));
  }

  private static ZoneId zone(String zone) {
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new Refusal(
          400, "Unknown time zone '" + zone + "'; use a name like Europe/Berlin or UTC");
    }
  }
}
