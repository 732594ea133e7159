package io.sendense.node;

import io.sendense.batch.lifecycle.ImageReport;
import io.sendense.batch.lifecycle.LifecycleTask;
import io.sendense.batch.wire.WorkItem;
import io.sendense.image.store.ImageStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the restore point work the hub hands this node for the repositories placed on it (hash
 * images, verify them: {@link LifecycleTask#run}, the hub's own reading code), one task at a time
 * on a thread of its own, so it never holds up the poll or a job, and reports what it found to
 * {@code POST /node/v1/lifecycle/{taskId}}. A repository it cannot open is reported as unreadable
 * for every image (the hub then judges nothing). A task it has already is not run twice.
 */
final class NodeLifecycleTasks {
  private static final Logger LOG = Logger.getLogger(NodeLifecycleTasks.class.getName());

  private final HubCalls hub;
  private final Function<WorkItem.Extension, ImageStore> repositories;
  private final Set<Long> taken = ConcurrentHashMap.newKeySet();
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "lifecycle");
            t.setDaemon(true);
            return t;
          });

  NodeLifecycleTasks(HubCalls hub, Function<WorkItem.Extension, ImageStore> repositories) {
    this.hub = hub;
    this.repositories = repositories;
  }

  void take(LifecycleTask task) {
    if (taken.add(task.id())) {
      LOG.info(() -> "Took " + task);
      thread.execute(() -> run(task));
    }
  }

  private void run(LifecycleTask task) {
    try {
      long started = System.nanoTime();
      List<ImageReport> reports = read(task);
      hub.call("node/v1/lifecycle/" + task.id(), ImageReport.toJson(reports));
      LOG.info(
          () ->
              "Reported "
                  + task
                  + ": "
                  + reports.stream().map(r -> r.file() + " " + r.status()).toList()
                  + " in "
                  + (System.nanoTime() - started) / 1_000_000
                  + " ms");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not report " + task + "; the hub gives it again later", e);
    } finally {
      taken.remove(task.id());
    }
  }

  private List<ImageReport> read(LifecycleTask task) {
    try (ImageStore store = repositories.apply(task.repository())) {
      return task.run(store);
    } catch (Exception e) {
      String why =
          "repository '" + task.repository().name() + "' cannot be opened: " + e.getMessage();
      return task.images().stream()
          .map(i -> new ImageReport(i.diskId(), i.file(), ImageReport.UNREADABLE, why, null, null))
          .toList();
    }
  }
}
