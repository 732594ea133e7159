package io.sendense.persistence.flow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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

  public List<ProtectionFlow> all() {
    return em.createNamedQuery("ProtectionFlow.all", ProtectionFlow.class).getResultList();
  }

  /** Enabled flows whose next run is at or before {@code now}, earliest first. */
  public List<ProtectionFlow> due(Instant now) {
    return em.createNamedQuery("ProtectionFlow.due", ProtectionFlow.class)
        .setParameter("now", now)
        .getResultList();
  }

  public ProtectionFlow save(ProtectionFlow flow) {
    if (flow.getId() == null) {
      em.persist(flow);
      return flow;
    }
    return em.merge(flow);
  }

  public FlowExecution saveExecution(FlowExecution execution) {
    if (execution.getId() == null) {
      em.persist(execution);
      return execution;
    }
    return em.merge(execution);
  }

  /** Executions of {@code flow}, newest first. */
  public List<FlowExecution> executionsOf(ProtectionFlow flow, int max) {
    return em.createNamedQuery("FlowExecution.byFlow", FlowExecution.class)
        .setParameter("flow", flow)
        .setMaxResults(max)
        .getResultList();
  }

  public boolean isRunning(ProtectionFlow flow) {
    return !em.createNamedQuery("FlowExecution.running", FlowExecution.class)
        .setParameter("flow", flow)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }
}
