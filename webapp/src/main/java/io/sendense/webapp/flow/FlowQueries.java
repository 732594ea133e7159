package io.sendense.webapp.flow;

import io.sendense.persistence.flow.ExecutionStatus;
import io.sendense.persistence.flow.FlowExecution;
import io.sendense.persistence.flow.FlowExecutionVm;
import io.sendense.persistence.flow.FlowStore;
import io.sendense.persistence.flow.FlowStore.FlowFilter;
import io.sendense.persistence.flow.FlowStore.StateCount;
import io.sendense.persistence.flow.FlowStore.VmRunState;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.vm.VmStore;
import io.sendense.persistence.vm.VmStore.Progress;
import io.sendense.webapp.common.Page;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.schedule.SchedulePlanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The read side of protection flows, for the flows table, the API and the flow history: a page of
 * flows costs one query for the flows (with target, repository and policy), one for the runs in
 * progress among them and, when some run, one for their VMs and one for their telemetry, whatever
 * the number of flows. The changes are {@link FlowService}'s.
 */
@ApplicationScoped
@Transactional
public class FlowQueries {
  @Inject FlowStore store;
  @Inject VmStore machines;
  @Inject Clock clock;

  /** Every flow by name (short lists: the notification rules' flow menu). */
  public List<FlowDto> list() {
    return dtos(store.page(FlowFilter.named(null), "name", 0, Integer.MAX_VALUE));
  }

  /** A page of flows by name (names containing {@code name} when given), with the total. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<FlowDto> page(String name, int offset, int limit) {
    List<FlowDto> items = dtos(store.page(FlowFilter.named(name), "name", offset, limit));
    return Page.counted(items, offset, limit, () -> store.count(name));
  }

  /** A page of the flows {@code filter} lets through in the order {@code sort} (see FlowStore). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<FlowDto> rows(FlowFilter filter, String sort, int offset, int limit) {
    return dtos(store.page(filter, sort, offset, limit));
  }

  /** How many flows {@link #rows} pages through. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public long count(FlowFilter filter) {
    return store.count(filter);
  }

  /**
   * The catalog filter of the flows whose name contains {@code name} and whose status is {@code
   * status} (any when null). STARTING and RUNNING both select the flows with a run in progress.
   */
  public static FlowFilter filter(String name, FlowStatus status) {
    if (status == null) {
      return FlowFilter.named(name);
    }
    return switch (status) {
      case STARTING, RUNNING -> new FlowFilter(name, true, null, null, false);
      case DISABLED -> new FlowFilter(name, false, false, null, false);
      case NEVER_RUN -> new FlowFilter(name, false, true, null, true);
      case SUCCESS -> new FlowFilter(name, false, true, ExecutionStatus.SUCCESS, false);
      case WARNING -> new FlowFilter(name, false, true, ExecutionStatus.PARTIAL, false);
      case FAILED -> new FlowFilter(name, false, true, ExecutionStatus.FAILED, false);
      case SKIPPED -> new FlowFilter(name, false, true, ExecutionStatus.SKIPPED, false);
    };
  }

  public FlowDto get(long id) {
    ProtectionFlow flow = find(id);
    List<FlowDto> one = dtos(List.of(flow));
    if (one.get(0).running() == null) {
      // A run that ended after the flow was read (or while the shared cache still held the flow
      // as it was) would otherwise show as neither running nor ended.
      store.refresh(flow);
      return FlowDtos.flow(flow, null);
    }
    return one.get(0);
  }

  /** The row of a flow in hand (after a change), with its run in progress if any. */
  FlowDto dto(ProtectionFlow flow) {
    return dtos(List.of(flow)).get(0);
  }

  /** Whether any flow runs now (the flows page polls while one does). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public boolean anyRunning() {
    return store.anyRunning();
  }

  /** How many flows are in each state, from grouped counts (three queries whatever the count). */
  public FlowSummary summary() {
    Map<FlowStatus, Integer> by = new EnumMap<>(FlowStatus.class);
    int all = 0;
    int enabled = 0;
    for (StateCount c : store.stateCounts()) {
      FlowStatus status =
          c.running()
              ? FlowStatus.RUNNING
              : c.enabled() ? FlowStatus.after(c.lastStatus()) : FlowStatus.DISABLED;
      by.merge(status, (int) c.count(), Integer::sum);
      all += (int) c.count();
      enabled += c.enabled() ? (int) c.count() : 0;
    }
    Instant missedBefore = clock.instant().minus(SchedulePlanner.DEFAULT_GRACE);
    return new FlowSummary(
        all,
        enabled,
        by.getOrDefault(FlowStatus.DISABLED, 0),
        by.getOrDefault(FlowStatus.RUNNING, 0),
        by.getOrDefault(FlowStatus.SUCCESS, 0),
        by.getOrDefault(FlowStatus.WARNING, 0),
        by.getOrDefault(FlowStatus.FAILED, 0),
        by.getOrDefault(FlowStatus.NEVER_RUN, 0),
        (int) store.overdueCount(missedBefore));
  }

  /** The newest {@code max} executions of a flow with their VMs, in three queries at most. */
  public List<FlowRunDto> executions(long flowId, int max) {
    return executions(store.executionsOf(find(flowId), max));
  }

  public FlowRunDto execution(long executionId) {
    FlowExecution e =
        store
            .execution(executionId)
            .orElseThrow(() -> new Refusal(404, "No flow execution with id " + executionId));
    return executions(List.of(e)).get(0);
  }

  private List<FlowRunDto> executions(List<FlowExecution> executions) {
    Map<Long, List<FlowExecutionVm>> vms =
        store.vmRunsOf(executions.stream().map(FlowExecution::getId).toList());
    Map<Long, List<Progress>> progress =
        machines.progressOfExecutions(
            executions.stream().filter(e -> !e.isEnded()).map(FlowExecution::getId).toList());
    return executions.stream()
        .map(
            e -> {
              List<FlowExecutionVm> runs = vms.getOrDefault(e.getId(), List.of());
              int percent =
                  e.isEnded()
                      ? 100
                      : FlowDtos.progress(
                          e, FlowDtos.states(e, runs), progress.getOrDefault(e.getId(), List.of()));
              return FlowDtos.execution(e, runs, percent);
            })
        .toList();
  }

  /** The flows' rows: their runs in progress, those runs' VMs and telemetry in a query each. */
  private List<FlowDto> dtos(List<ProtectionFlow> flows) {
    List<FlowExecution> running =
        store.runningExecutionsOf(flows.stream().map(ProtectionFlow::getId).toList());
    List<Long> runningIds = running.stream().map(FlowExecution::getId).toList();
    Map<Long, List<VmRunState>> vms =
        store.vmRunStates(runningIds).stream()
            .collect(Collectors.groupingBy(VmRunState::executionId));
    Map<Long, List<Progress>> progress = machines.progressOfExecutions(runningIds);
    Map<Long, FlowDtos.Running> byFlow =
        running.stream()
            .collect(
                Collectors.toMap(
                    e -> e.getFlow().getId(),
                    e ->
                        FlowDtos.running(
                            e,
                            vms.getOrDefault(e.getId(), List.of()),
                            progress.getOrDefault(e.getId(), List.of())),
                    (a, b) -> a));
    return flows.stream().map(f -> FlowDtos.flow(f, byFlow.get(f.getId()))).toList();
  }

  private ProtectionFlow find(long id) {
    return store.byId(id).orElseThrow(() -> new Refusal(404, "No protection flow with id " + id));
  }
}
