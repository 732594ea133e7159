package io.sendense.persistence.flow;

import io.sendense.persistence.group.ProtectionGroup;
import io.sendense.persistence.source.VmContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

  public List<ProtectionFlow> flowsOfGroup(ProtectionGroup group) {
    return em.createQuery(
            "SELECT f FROM ProtectionFlow f WHERE f.targetGroup = :g ORDER BY f.name",
            ProtectionFlow.class)
        .setParameter("g", group)
        .getResultList();
  }
}
