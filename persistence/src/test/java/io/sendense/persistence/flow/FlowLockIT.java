package io.sendense.persistence.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.VmContext;
import io.sendense.persistence.testing.Catalog;
import io.sendense.persistence.testing.Fixtures;
import io.sendense.persistence.testing.MariaDbExtension;
import io.sendense.persistence.testing.TestDatabase;
import jakarta.persistence.PersistenceException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
          VmContext vm = Fixtures.vm(em, Fixtures.source(em, "vc1"), "vm-1", "web01");
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
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<?> holder =
          thread.submit(
              () ->
                  first.run(
                      em -> {
                        new FlowStore(em).lockedFlow(flowId).orElseThrow().setRunsTotal(1);
                        locked.countDown();
                        await(release);
                      }));
      assertTrue(locked.await(30, TimeUnit.SECONDS), "the first transaction holds the flow");

      assertThrows(PersistenceException.class, () -> lockWithin(1), "the flow is held");

      release.countDown();
      holder.get(30, TimeUnit.SECONDS);
      assertEquals(1, lockWithin(10), "the second sees what the first committed");
    } finally {
      release.countDown();
      thread.shutdownNow();
    }
  }

  /** Locks the flow in the second catalog, waiting at most {@code seconds}; its run count. */
  private int lockWithin(int seconds) {
    return second.inTx(
        em -> {
          em.createNativeQuery("SET SESSION innodb_lock_wait_timeout = " + seconds).executeUpdate();
          return new FlowStore(em).lockedFlow(flowId).orElseThrow().getRunsTotal();
        });
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
