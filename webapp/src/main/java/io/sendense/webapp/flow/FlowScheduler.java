package io.sendense.webapp.flow;

import io.sendense.persistence.flow.TriggerKind;
import io.sendense.webapp.schedule.SchedulePlanner;
import io.sendense.webapp.schedule.SchedulerTick;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every 20 seconds: rolls up job ends whose event was lost, then starts the flows that are due.
 * Next runs live in the catalog, so a restarted hub carries on; runs missed while it was down are
 * made up once ({@code sendense.flows.catch-up}, default true). Several hubs on one catalog each
 * tick, and the claim in {@link FlowClaims} lets exactly one start each run. No transaction around
 * the tick: each claim and each opened execution commits on its own, before its jobs start.
 */
@Singleton
@Startup
// No tick on a catalog still being migrated (WildFly starts timers while the WAR deploys).
@DependsOn("HubBootstrap")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FlowScheduler {
  private static final Logger LOG = Logger.getLogger(FlowScheduler.class.getName());

  @Inject FlowClaims claims;
  @Inject ExecutionService executions;
  @Inject FlowRunner runner;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "sendense.flows.catch-up", defaultValue = "true")
  boolean catchUp;

  @Schedule(second = "*/20", minute = "*", hour = "*", persistent = false)
  void tick() {
    try {
      int fixed = executions.reconcile();
      if (fixed > 0) {
        LOG.info(() -> "Rolled up " + fixed + " backup job end(s) whose event was lost");
      }
      SchedulePlanner planner = new SchedulePlanner(clock, SchedulePlanner.DEFAULT_GRACE, catchUp);
      new SchedulerTick(planner, new Catalog()).run(clock.instant());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Scheduler tick failed; the next tick retries", e);
    }
  }

  /** Wires the tick to the catalog and the flow runner. */
  private final class Catalog implements SchedulerTick.Catalog {
    @Override
    public java.util.List<SchedulerTick.DueFlow> due(java.time.Instant now) {
      return claims.due(now);
    }

    @Override
    public boolean claimAndStart(
        long flowId, java.time.Instant expected, java.time.Instant next, TriggerKind trigger) {
      return claims
          .claimAndOpen(flowId, expected, next, trigger)
          .map(opened -> runner.launch(opened, FlowClaims.SCHEDULER))
          .isPresent();
    }

    @Override
    public boolean claimNotStarted(
        long flowId,
        java.time.Instant expected,
        java.time.Instant next,
        TriggerKind trigger,
        String reason) {
      return claims.claimNotStarted(flowId, expected, next, trigger, reason);
    }

    @Override
    public boolean claimMissed(
        long flowId, java.time.Instant expected, java.time.Instant next, java.time.Instant at) {
      return claims.claimMissed(flowId, expected, next, at);
    }
  }
}
