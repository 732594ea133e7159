package io.sendense.persistence.flow;

import io.sendense.persistence.common.ReadHints;
import io.sendense.persistence.group.ProtectionGroup;
import io.sendense.persistence.source.Vm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Protection flows and their executions. */
@ApplicationScoped
public class FlowStore {
  @PersistenceContext(unitName = "sendense")
  private EntityManager em;

  protected FlowStore() {}

  public FlowStore(EntityManager em) {
    this.em = em;
  }

  public Optional<ProtectionFlow> byId(long id) {
    return Optional.ofNullable(em.find(ProtectionFlow.class, id));
  }

  /** Reads the flow again from the catalog, past the persistence context and the shared cache. */
  public void refresh(ProtectionFlow flow) {
    em.refresh(flow);
  }

  /**
   * The flow, locked until the transaction ends, so two runs of one flow open one after the other
   * (the second sees the first running).
   */
  public Optional<ProtectionFlow> lockedFlow(long id) {
    return Optional.ofNullable(em.find(ProtectionFlow.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  public Optional<ProtectionFlow> byName(String name) {
    return em.createNamedQuery("ProtectionFlow.byName", ProtectionFlow.class)
        .setParameter("name", name)
        .getResultStream()
        .findFirst();
  }

  public List<ProtectionFlow> all() {
    return em.createNamedQuery("ProtectionFlow.all", ProtectionFlow.class).getResultList();
  }

  /**
   * Which flows a page lists: names containing {@code name} (any case), and the state the flows
   * table derives from whether a run is in progress, whether the flow is enabled and how its last
   * run ended. Null parts (and {@code neverRun} false) do not filter.
   */
  public record FlowFilter(
      String name, Boolean running, Boolean enabled, ExecutionStatus lastStatus, boolean neverRun) {
    /** Flows whose name contains {@code name} (every flow when it is null or blank). */
    public static FlowFilter named(String name) {
      return new FlowFilter(name, null, null, null, false);
    }
  }

  /** The orders a page of flows can be read in ({@code -} before a key: descending). */
  private static final Map<String, String> FLOW_SORTS =
      Map.of("name", "f.name", "lastRunAt", "f.lastRunAt");

  /**
   * One page of flows by name (those whose name contains {@code name}, case-insensitive, when
   * given), read-only with their target and repository in the same query.
   */
  public List<ProtectionFlow> page(String name, int offset, int limit) {
    return page(FlowFilter.named(name), "name", offset, limit);
  }

  /**
   * One page of the flows {@code filter} lets through, ordered by {@code sort} ({@code name} or
   * {@code lastRunAt}, never-run first; {@code -} before it for descending; then by name and id),
   * read-only with their target, repository and policy in the same query.
   */
  public List<ProtectionFlow> page(FlowFilter filter, String sort, int offset, int limit) {
    String key = sort == null ? "name" : sort.startsWith("-") ? sort.substring(1) : sort;
    String column = FLOW_SORTS.get(key);
    if (column == null) {
      throw new IllegalArgumentException("Flows cannot be sorted by " + sort);
    }
    String direction = sort != null && sort.startsWith("-") ? " DESC" : "";
    return ReadHints.apply(
            filtered(
                "SELECT f FROM ProtectionFlow f",
                filter,
                " ORDER BY " + column + direction + ", f.name" + direction + ", f.id" + direction,
                ProtectionFlow.class),
            "f.targetVm",
            "f.targetGroup",
            "f.repository",
            "f.policy")
        .setFirstResult(Math.max(0, offset))
        .setMaxResults(limit)
        .getResultList();
  }

  /** How many flows {@link #page} pages through. */
  public long count(String name) {
    return count(FlowFilter.named(name));
  }

  /** How many flows {@link #page(FlowFilter, String, int, int)} pages through. */
  public long count(FlowFilter filter) {
    return ReadHints.apply(
            filtered("SELECT COUNT(f) FROM ProtectionFlow f", filter, "", Long.class))
        .getSingleResult();
  }

  private static final String RUNNING_FLOW_IDS =
      "(SELECT e.flow.id FROM FlowExecution e"
          + " WHERE e.status = io.sendense.persistence.flow.ExecutionStatus.RUNNING)";

  private <T> TypedQuery<T> filtered(
      String select, FlowFilter filter, String order, Class<T> type) {
    List<String> where = new ArrayList<>();
    boolean byName = filter.name() != null && !filter.name().isBlank();
    if (byName) {
      where.add("LOWER(f.name) LIKE :name");
    }
    if (filter.running() != null) {
      where.add("f.id " + (filter.running() ? "IN " : "NOT IN ") + RUNNING_FLOW_IDS);
    }
    if (filter.enabled() != null) {
      where.add("f.enabled = " + (filter.enabled() ? "TRUE" : "FALSE"));
    }
    if (filter.neverRun()) {
      where.add("f.lastStatus IS NULL");
    }
    if (filter.lastStatus() != null) {
      where.add("f.lastStatus = :lastStatus");
    }
    TypedQuery<T> query =
        em.createQuery(
            select + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + order,
            type);
    if (byName) {
      query.setParameter(
          "name", "%" + filter.name().strip().toLowerCase().replace("%", "\\%") + "%");
    }
    if (filter.lastStatus() != null) {
      query.setParameter("lastStatus", filter.lastStatus());
    }
    return query;
  }

  /**
   * How many flows there are per (run in progress, enabled, last status): what the flows summary
   * counts, in two grouped queries whatever the number of flows.
   */
  public List<StateCount> stateCounts() {
    List<StateCount> out = new ArrayList<>();
    ReadHints.apply(
            em.createQuery(
                "SELECT f.enabled, f.lastStatus, COUNT(f) FROM ProtectionFlow f WHERE f.id NOT IN "
                    + RUNNING_FLOW_IDS
                    + " GROUP BY f.enabled, f.lastStatus",
                Object[].class))
        .getResultList()
        .forEach(
            r ->
                out.add(
                    new StateCount(
                        false,
                        Boolean.TRUE.equals(r[0]),
                        (ExecutionStatus) r[1],
                        ((Number) r[2]).longValue())));
    ReadHints.apply(
            em.createQuery(
                "SELECT f.enabled, COUNT(f) FROM ProtectionFlow f WHERE f.id IN "
                    + RUNNING_FLOW_IDS
                    + " GROUP BY f.enabled",
                Object[].class))
        .getResultList()
        .forEach(
            r ->
                out.add(
                    new StateCount(
                        true, Boolean.TRUE.equals(r[0]), null, ((Number) r[1]).longValue())));
    return out;
  }

  /** A number of flows in one state (see {@link #stateCounts}); no last status when running. */
  public record StateCount(
      boolean running, boolean enabled, ExecutionStatus lastStatus, long count) {}

  /** How many enabled flows have a next run planned before {@code before}. */
  public long overdueCount(Instant before) {
    return ReadHints.apply(
            em.createQuery(
                "SELECT COUNT(f) FROM ProtectionFlow f WHERE f.enabled = TRUE"
                    + " AND f.nextRunAt < :before",
                Long.class))
        .setParameter("before", before)
        .getSingleResult();
  }

  /** The executions in progress of the flows {@code flowIds}, oldest first, in one query. */
  public List<FlowExecution> runningExecutionsOf(Collection<Long> flowIds) {
    if (flowIds.isEmpty()) {
      return List.of();
    }
    return ReadHints.apply(
            em.createQuery(
                "SELECT e FROM FlowExecution e WHERE e.flow.id IN :ids AND e.status ="
                    + " io.sendense.persistence.flow.ExecutionStatus.RUNNING ORDER BY e.startedAt",
                FlowExecution.class),
            "e.flow")
        .setParameter("ids", flowIds)
        .getResultList();
  }

  /** Whether any flow is running now. */
  public boolean anyRunning() {
    return !ReadHints.apply(
            em.createQuery(
                "SELECT e.id FROM FlowExecution e WHERE e.status ="
                    + " io.sendense.persistence.flow.ExecutionStatus.RUNNING",
                Long.class))
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /** Where each VM of the executions {@code executionIds} stands, in one query. */
  public List<VmRunState> vmRunStates(Collection<Long> executionIds) {
    if (executionIds.isEmpty()) {
      return List.of();
    }
    return ReadHints.apply(
            em.createQuery(
                "SELECT v.execution.id, v.status, vm.id FROM FlowExecutionVm v"
                    + " LEFT JOIN v.vm vm WHERE v.execution.id IN :ids",
                Object[].class))
        .setParameter("ids", executionIds)
        .getResultList()
        .stream()
        .map(r -> new VmRunState((Long) r[0], (VmRunStatus) r[1], (Long) r[2]))
        .toList();
  }

  /** One VM of an execution: its status and VM id (null once the VM left the catalog). */
  public record VmRunState(long executionId, VmRunStatus status, Long vmId) {}

  /** Enabled flows whose next run is at or before {@code now}, earliest first. */
  public List<ProtectionFlow> due(Instant now) {
    return em.createNamedQuery("ProtectionFlow.due", ProtectionFlow.class)
        .setParameter("now", now)
        .getResultList();
  }

  /**
   * Claims one due run of a flow for this hub: moves its next run from {@code expected} to {@code
   * next} only if no one else did it first. Several hubs sharing the catalog may all see the flow
   * due; the database lets exactly one of them win. Bumps the version so a page that loaded the
   * flow before cannot write the old next run back.
   *
   * @return whether this caller won the run
   */
  public boolean claim(long flowId, Instant expected, Instant next) {
    em.flush();
    int changed =
        em.createNativeQuery(
                "UPDATE protection_flows SET next_run_at = ?, version = version + 1"
                    + " WHERE id = ? AND enabled = TRUE AND next_run_at = ?")
            .setParameter(1, next == null ? null : Timestamp.from(next))
            .setParameter(2, flowId)
            .setParameter(3, Timestamp.from(expected))
            .executeUpdate();
    if (changed == 1) {
      byId(flowId).ifPresent(em::refresh);
    }
    return changed == 1;
  }

  public ProtectionFlow save(ProtectionFlow flow) {
    if (flow.getId() == null) {
      em.persist(flow);
      em.flush();
      return flow;
    }
    return em.merge(flow);
  }

  public void delete(ProtectionFlow flow) {
    em.remove(em.contains(flow) ? flow : em.merge(flow));
    em.flush();
  }

  public FlowExecution saveExecution(FlowExecution execution) {
    if (execution.getId() == null) {
      em.persist(execution);
      em.flush();
      return execution;
    }
    return em.merge(execution);
  }

  public Optional<FlowExecution> execution(long id) {
    return Optional.ofNullable(em.find(FlowExecution.class, id));
  }

  /** The execution, locked until the transaction ends, so job ends roll up one at a time. */
  public Optional<FlowExecution> lockedExecution(long id) {
    return Optional.ofNullable(em.find(FlowExecution.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  /** Executions of {@code flow}, newest first. */
  public List<FlowExecution> executionsOf(ProtectionFlow flow, int max) {
    return em.createNamedQuery("FlowExecution.byFlow", FlowExecution.class)
        .setParameter("flow", flow)
        .setMaxResults(max)
        .getResultList();
  }

  public Optional<FlowExecution> lastExecutionOf(ProtectionFlow flow) {
    return executionsOf(flow, 1).stream().findFirst();
  }

  public List<FlowExecution> runningExecutions() {
    return em.createNamedQuery("FlowExecution.allRunning", FlowExecution.class).getResultList();
  }

  /** Executions started at or after {@code since}, newest first. */
  public List<FlowExecution> executionsSince(Instant since) {
    return em.createNamedQuery("FlowExecution.since", FlowExecution.class)
        .setParameter("since", since)
        .getResultList();
  }

  /** How many executions started at or after {@code since} ended in each status. */
  public Map<ExecutionStatus, Long> executionCountsSince(Instant since) {
    return ReadHints.apply(
            em.createQuery(
                "SELECT e.status, COUNT(e) FROM FlowExecution e WHERE e.startedAt >= :since"
                    + " GROUP BY e.status",
                Object[].class))
        .setParameter("since", since)
        .getResultList()
        .stream()
        .collect(Collectors.toMap(r -> (ExecutionStatus) r[0], r -> (Long) r[1]));
  }

  /** The newest FAILED or PARTIAL executions since {@code since}, with their flows. */
  public List<FlowExecution> failuresSince(Instant since, int max) {
    return ReadHints.apply(
            em.createQuery(
                "SELECT e FROM FlowExecution e WHERE e.startedAt >= :since AND e.status IN"
                    + " (io.sendense.persistence.flow.ExecutionStatus.FAILED,"
                    + " io.sendense.persistence.flow.ExecutionStatus.PARTIAL)"
                    + " ORDER BY e.startedAt DESC",
                FlowExecution.class),
            "e.flow")
        .setParameter("since", since)
        .setMaxResults(max)
        .getResultList();
  }

  /** Enabled flows whose next run was planned before {@code before}, earliest first. */
  public List<ProtectionFlow> overdue(Instant before) {
    return ReadHints.apply(
            em.createQuery(
                "SELECT f FROM ProtectionFlow f WHERE f.enabled = TRUE AND f.nextRunAt < :before"
                    + " ORDER BY f.nextRunAt",
                ProtectionFlow.class))
        .setParameter("before", before)
        .getResultList();
  }

  public boolean isRunning(ProtectionFlow flow) {
    return !em.createNamedQuery("FlowExecution.running", FlowExecution.class)
        .setParameter("flow", flow)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  public FlowExecutionVm saveVmRun(FlowExecutionVm run) {
    if (run.getId() == null) {
      em.persist(run);
      return run;
    }
    return em.merge(run);
  }

  public List<FlowExecutionVm> vmRunsOf(FlowExecution execution) {
    return em.createNamedQuery("FlowExecutionVm.byExecution", FlowExecutionVm.class)
        .setParameter("execution", execution)
        .getResultList();
  }

  /** The VMs of the executions {@code executionIds} with their VMs, in run order, one query. */
  public Map<Long, List<FlowExecutionVm>> vmRunsOf(Collection<Long> executionIds) {
    if (executionIds.isEmpty()) {
      return Map.of();
    }
    return ReadHints.apply(
            em.createQuery(
                "SELECT v FROM FlowExecutionVm v WHERE v.execution.id IN :ids ORDER BY v.id",
                FlowExecutionVm.class),
            "v.execution",
            "v.vm")
        .setParameter("ids", executionIds)
        .getResultList()
        .stream()
        .collect(Collectors.groupingBy(v -> v.getExecution().getId()));
  }

  public Optional<FlowExecutionVm> vmRun(long executionId, long vmId) {
    return em.createNamedQuery("FlowExecutionVm.byExecutionAndVm", FlowExecutionVm.class)
        .setParameter("execution", executionId)
        .setParameter("vm", vmId)
        .getResultStream()
        .findFirst();
  }

  /** Flows that protect {@code vm} directly (not through a group). */
  public List<ProtectionFlow> flowsOfVm(Vm vm) {
    return em.createQuery(
            "SELECT f FROM ProtectionFlow f WHERE f.targetVm = :vm ORDER BY f.name",
            ProtectionFlow.class)
        .setParameter("vm", vm)
        .getResultList();
  }

  /** The flows that protect each group: group id to (flow name, enabled), by flow name. */
  public Map<Long, List<Object[]>> flowsByGroup(Collection<Long> groupIds) {
    if (groupIds.isEmpty()) {
      return Map.of();
    }
    return ReadHints.apply(
            em.createQuery(
                "SELECT f.targetGroup.id, f.name, f.enabled FROM ProtectionFlow f"
                    + " WHERE f.targetGroup.id IN :ids ORDER BY f.name",
                Object[].class))
        .setParameter("ids", groupIds)
        .getResultList()
        .stream()
        .collect(Collectors.groupingBy(r -> (Long) r[0], Collectors.toList()));
  }

  public List<ProtectionFlow> flowsOfGroup(ProtectionGroup group) {
    return em.createQuery(
            "SELECT f FROM ProtectionFlow f WHERE f.targetGroup = :g ORDER BY f.name",
            ProtectionFlow.class)
        .setParameter("g", group)
        .getResultList();
  }
}
