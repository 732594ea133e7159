package io.sendense.persistence.flow;

import io.sendense.persistence.common.ReadHints;
import io.sendense.persistence.group.ProtectionGroup;
import io.sendense.persistence.source.VmContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.sql.Timestamp;
import java.time.Instant;
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
   * One page of flows by name (those whose name contains {@code name}, case-insensitive, when
   * given), read-only with their target and repository in the same query.
   */
  public List<ProtectionFlow> page(String name, int offset, int limit) {
    return ReadHints.apply(
            filtered(
                "SELECT f FROM ProtectionFlow f",
                name,
                " ORDER BY f.name, f.id",
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
    return ReadHints.apply(filtered("SELECT COUNT(f) FROM ProtectionFlow f", name, "", Long.class))
        .getSingleResult();
  }

  private <T> TypedQuery<T> filtered(String select, String name, String order, Class<T> type) {
    boolean byName = name != null && !name.isBlank();
    TypedQuery<T> query =
        em.createQuery(select + (byName ? " WHERE LOWER(f.name) LIKE :name" : "") + order, type);
    if (byName) {
      query.setParameter("name", "%" + name.strip().toLowerCase().replace("%", "\\%") + "%");
    }
    return query;
  }

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

  public Optional<FlowExecutionVm> vmRun(long executionId, long vmContextId) {
    return em.createNamedQuery("FlowExecutionVm.byExecutionAndVm", FlowExecutionVm.class)
        .setParameter("execution", executionId)
        .setParameter("vm", vmContextId)
        .getResultStream()
        .findFirst();
  }

  /** Flows that protect {@code vm} directly (not through a group). */
  public List<ProtectionFlow> flowsOfVm(VmContext vm) {
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
