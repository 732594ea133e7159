package io.sendense.persistence.testing;

import jakarta.persistence.EntityManager;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A transaction held open on a thread of its own, for tests of row locks: {@link #hold} returns
 * once its work ran (so its locks are taken) and the transaction commits at {@link #commit}; a
 * second catalog meanwhile shows whether it has to wait ({@link #waitingAtMost}).
 */
public final class HeldTransaction implements AutoCloseable {
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final Future<?> done;

  private HeldTransaction(Catalog catalog, Consumer<EntityManager> work) throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    done =
        thread.submit(
            () ->
                catalog.run(
                    em -> {
                      work.accept(em);
                      ran.countDown();
                      awaitRelease();
                    }));
    while (!ran.await(100, TimeUnit.MILLISECONDS)) {
      if (done.isDone()) {
        done.get(); // the work failed: its exception
        throw new AssertionError("the held transaction ended before its work ran");
      }
    }
  }

  /**
   * Runs {@code work} in a transaction of {@code catalog} that stays open until {@link #commit}.
   */
  public static HeldTransaction hold(Catalog catalog, Consumer<EntityManager> work)
      throws Exception {
    return new HeldTransaction(catalog, work);
  }

  /** Lets the held transaction commit and waits until it has. */
  public void commit() throws Exception {
    release.countDown();
    done.get(30, TimeUnit.SECONDS);
  }

  /**
   * Runs {@code read} in a transaction of {@code catalog} whose row lock waits give up after {@code
   * seconds} (MariaDB's {@code innodb_lock_wait_timeout}; a timeout fails the read).
   */
  public static <T> T waitingAtMost(Catalog catalog, int seconds, Function<EntityManager, T> read) {
    return catalog.inTx(
        em -> {
          em.createNativeQuery("SET SESSION innodb_lock_wait_timeout = " + seconds).executeUpdate();
          return read.apply(em);
        });
  }

  @Override
  public void close() {
    release.countDown();
    thread.shutdownNow();
  }

  private void awaitRelease() {
    try {
      release.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
