package io.sendense.webapp.lifecycle;

import io.sendense.webapp.bootstrap.HubBootstrap;
import io.sendense.webapp.security.SystemCaller;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the hub's restore point maintenance one task at a time on one long-running managed thread:
 * first the merges a previous run left open ({@link MergeRecovery}), then retention, deletions that
 * need a merge, and verification, in the order they were asked for. A task asked for again while it
 * waits is not queued twice. One at a time keeps merges and verification from competing for the
 * repository's disks, and their order simple to reason about.
 */
@ApplicationScoped
public class LifecycleWorker {
  private static final Logger LOG = Logger.getLogger(LifecycleWorker.class.getName());

  @Inject HubBootstrap bootstrap;
  @Inject MergeRecovery recovery;
  @Inject ChainGuard guard;

  @Resource ManagedExecutorService executor;

  private final Map<String, Runnable> queue = new LinkedHashMap<>();
  private volatile boolean stopped;
  private Future<?> loop;
  private String current;

  synchronized void start() {
    if (loop == null) {
      loop = executor.submit(this::loop);
    }
  }

  @PreDestroy
  synchronized void stop() {
    stopped = true;
    notifyAll();
    if (loop != null) {
      loop.cancel(true);
    }
  }

  /** Queues a task under a key; a task with the same key that is still waiting is kept instead. */
  public synchronized void submit(String key, Runnable task) {
    if (!queue.containsKey(key)) {
      queue.put(key, task);
      notifyAll();
    }
  }

  /** Whether a task with this key waits or runs. */
  public synchronized boolean pending(String key) {
    return queue.containsKey(key) || key.equals(current);
  }

  private void loop() {
    try {
      while (!stopped && !bootstrap.ready()) {
        Thread.sleep(500);
      }
      SystemCaller.run(
          () -> {
            recover();
            return null;
          });
      while (!stopped) {
        Map.Entry<String, Runnable> next = take();
        if (next == null) {
          return;
        }
        try {
          SystemCaller.run(
              () -> {
                next.getValue().run();
                return null;
              });
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Restore point task " + next.getKey() + " failed", e);
        } finally {
          synchronized (this) {
            current = null;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void recover() {
    try {
      recovery.recover();
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Open merges could not be finished; the next sweep tries again", e);
    } finally {
      guard.recovered();
    }
  }

  private synchronized Map.Entry<String, Runnable> take() throws InterruptedException {
    while (!stopped && queue.isEmpty()) {
      wait();
    }
    if (stopped) {
      return null;
    }
    String key = queue.keySet().iterator().next();
    Runnable task = queue.remove(key);
    current = key;
    return Map.entry(key, task);
  }

  /** Starts the worker with the web module, whose component context its tasks inherit. */
  @WebListener
  public static class Starter implements ServletContextListener {
    @Inject LifecycleWorker worker;

    @Override
    public void contextInitialized(ServletContextEvent event) {
      worker.start();
    }
  }
}
