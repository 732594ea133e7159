package io.sendense.webapp.retention;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.flow.FlowStore;
import io.sendense.persistence.flow.ProtectionFlow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Reads a flow's points and rules and says which points no rule keeps (locked ones stay). */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class RetentionPlans {
  @Inject FlowStore flows;
  @Inject BackupStore backups;
  @Inject Clock clock;

  /** The points of the flow to delete, per VM oldest first. */
  public List<Long> removable(long flowId) {
    ProtectionFlow flow = flows.byId(flowId).orElse(null);
    if (flow == null) {
      return List.of();
    }
    RetentionRules rules =
        new RetentionRules(
            flow.getRetentionCount(),
            flow.getRetentionDaily(),
            flow.getRetentionWeekly(),
            flow.getRetentionMonthly(),
            flow.getRetentionYearly());
    if (rules.keepsAll()) {
      return List.of();
    }
    ZoneId zone = ZoneId.of(flow.getTimeZone());
    RetentionPlanner planner = new RetentionPlanner(clock);
    List<Long> doomed = new ArrayList<>();
    for (long vm : backups.vmsWithPointsOf(flowId)) {
      List<RetentionPlanner.Point> points = new ArrayList<>();
      List<Long> locked = new ArrayList<>();
      for (Backup b : backups.pointsOf(flowId, vm)) {
        points.add(new RetentionPlanner.Point(b.getId(), b.getStartedAt()));
        if (b.isLocked()) {
          locked.add(b.getId());
        }
      }
      planner.plan(points, rules, zone).removable().stream()
          .map(RetentionPlanner.Point::id)
          .filter(id -> !locked.contains(id))
          .forEach(doomed::add);
    }
    return doomed;
  }

  /** Flows that have retention rules, for the daily sweep. */
  public List<Long> flowsWithRules() {
    return flows.all().stream()
        .filter(
            f ->
                !new RetentionRules(
                        f.getRetentionCount(),
                        f.getRetentionDaily(),
                        f.getRetentionWeekly(),
                        f.getRetentionMonthly(),
                        f.getRetentionYearly())
                    .keepsAll())
        .map(ProtectionFlow::getId)
        .toList();
  }
}
