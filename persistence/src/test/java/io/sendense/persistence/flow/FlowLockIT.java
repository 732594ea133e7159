package io.sendense.persistence.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.Vm;
import io.sendense.persistence.testing.Catalog;
import io.sendense.persistence.testing.Fixtures;
import io.sendense.persistence.testing.HeldTransaction;
import io.sendense.persistence.testing.MariaDbExtension;
import io.sendense.persistence.testing.TestDatabase;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link FlowStore#lockedFlow}: while one transaction opens a run of a flow, a second one waits for
 * the flow instead of reading it, so it sees the first run.
 */
@ExtendWith(MariaDbExtension.class)
class FlowLockIT {
  private Catalog first;
  private Catalog second;
  private long flowId;

  @BeforeEach
  void setUp(TestDatabase db) {
    TestDatabase.Schema schema = db.newSchema();
    first = new Catalog(schema);
    second = new Catalog(schema);
    first.run(
        em -> {
          Vm vm = Fixtures.vm(em, Fixtures.source(em, "vc1"), "vm-1", "web01");
          Repository repo = Fixtures.repository(em, "local", "local");
          ProtectionFlow flow = new ProtectionFlow();
          flow.setName("nightly");
          flow.setTargetVm(vm);
          flow.setRepository(repo);
          flow.setCronSchedule("0 * * * *");
          em.persist(flow);
          em.flush();
          flowId = flow.getId();
        });
  }

  @AfterEach
  void tearDown() {
    first.close();
    second.close();
  }

  @Test
  void aLockedFlowMakesASecondLockerWaitUntilTheFirstCommits() throws Exception {
    try (HeldTransaction held =
        HeldTransaction.hold(
            first, em -> new FlowStore(em).lockedFlow(flowId).orElseThrow().setRunsTotal(1))) {
      assertThrows(PersistenceException.class, () -> lockWithin(1), "the flow is held");
      held.commit();
      assertEquals(1, lockWithin(10), "the second sees what the first committed");
    }
  }

  /** Locks the flow in the second catalog, waiting at most {@code seconds}; its run count. */
  private int lockWithin(int seconds) {
    return HeldTransaction.waitingAtMost(
        second, seconds, em -> new FlowStore(em).lockedFlow(flowId).orElseThrow().getRunsTotal());
  }
}
