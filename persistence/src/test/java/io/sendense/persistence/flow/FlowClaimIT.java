package io.sendense.persistence.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.Source;
import io.sendense.persistence.source.Vm;
import io.sendense.persistence.testing.Catalog;
import io.sendense.persistence.testing.Fixtures;
import io.sendense.persistence.testing.MariaDbExtension;
import io.sendense.persistence.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two hubs on one catalog: a due flow is claimed, and so run, by exactly one of them. */
@ExtendWith(MariaDbExtension.class)
class FlowClaimIT {
  private static final Instant DUE = Instant.parse("2026-03-29T01:00:00Z");
  private Catalog hubA;
  private Catalog hubB;
  private long flowId;
  private long vmId;

  @BeforeEach
  void setUp(TestDatabase db) {
    TestDatabase.Schema schema = db.newSchema();
    hubA = new Catalog(schema);
    hubB = new Catalog(schema);
    hubA.run(
        em -> {
          Source source = Fixtures.source(em, "vc1");
          Vm vm = Fixtures.vm(em, source, "vm-1", "web01");
          Repository repo = Fixtures.repository(em, "local", "local");
          ProtectionFlow flow = new ProtectionFlow();
          flow.setName("nightly");
          flow.setTargetVm(vm);
          flow.setRepository(repo);
          flow.setCronSchedule("0 * * * *");
          flow.setNextRunAt(DUE);
          em.persist(flow);
          em.flush();
          flowId = flow.getId();
          vmId = vm.getId();
        });
  }

  @AfterEach
  void tearDown() {
    hubA.close();
    hubB.close();
  }

  /** What one hub's scheduler tick does with the catalog: claim each due flow, then run it. */
  private static int tick(Catalog hub, Instant now) {
    return hub.inTx(
        em -> {
          FlowStore store = new FlowStore(em);
          int started = 0;
          for (ProtectionFlow flow : store.due(now)) {
            if (store.claim(flow.getId(), flow.getNextRunAt(), now.plusSeconds(3600))) {
              FlowExecution execution = new FlowExecution();
              execution.setFlow(flow);
              execution.setTriggerKind(TriggerKind.SCHEDULE);
              store.saveExecution(execution);
              started++;
            }
          }
          return started;
        });
  }

  @Test
  void twoSchedulersClaimingTheSameDueFlowStartExactlyOneExecution() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        Instant due = DUE.plusSeconds(3600L * round);
        Instant now = due.plusSeconds(5);
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<Integer>> ticks = new ArrayList<>();
        for (Catalog hub : List.of(hubA, hubB)) {
          ticks.add(
              pool.submit(
                  () -> {
                    together.await();
                    return tick(hub, now);
                  }));
        }
        int started = ticks.get(0).get() + ticks.get(1).get();
        assertEquals(1, started, "round " + round + ": exactly one hub runs the flow");
      }
    } finally {
      pool.shutdownNow();
    }
    long executions =
        hubA.inTx(
            em ->
                em.createQuery("SELECT COUNT(e) FROM FlowExecution e", Long.class)
                    .getSingleResult());
    assertEquals(10L, executions);
  }

  @Test
  void aClaimWithAStaleNextRunLoses() {
    boolean won =
        hubA.inTx(em -> new FlowStore(em).claim(flowId, DUE.minusSeconds(60), DUE.plusSeconds(60)));
    assertFalse(won);
    Instant next = hubB.inTx(em -> new FlowStore(em).byId(flowId).orElseThrow().getNextRunAt());
    assertEquals(DUE, next);
  }

  @Test
  void aDisabledFlowIsNeitherDueNorClaimed() {
    hubA.run(em -> em.find(ProtectionFlow.class, flowId).setEnabled(false));
    assertEquals(0, tick(hubB, DUE.plusSeconds(60)));
    boolean won = hubA.inTx(em -> new FlowStore(em).claim(flowId, DUE, DUE.plusSeconds(60)));
    assertFalse(won);
  }

  @Test
  void perVmOutcomeKeepsTheVmNameWhenTheVmGoes() {
    long runId =
        hubA.inTx(
            em -> {
              FlowStore store = new FlowStore(em);
              FlowExecution execution = new FlowExecution();
              execution.setFlow(store.byId(flowId).orElseThrow());
              execution.setTriggerKind(TriggerKind.MANUAL);
              store.saveExecution(execution);
              FlowExecutionVm run = new FlowExecutionVm(execution, em.find(Vm.class, vmId));
              run.setStatus(VmRunStatus.FAILED);
              store.saveVmRun(run);
              em.flush();
              return run.getId();
            });
    hubA.run(
        em -> {
          em.remove(em.find(ProtectionFlow.class, flowId));
          em.flush();
        });
    assertNull(hubA.inTx(em -> em.find(FlowExecutionVm.class, runId)), "cascades with the flow");
  }
}
