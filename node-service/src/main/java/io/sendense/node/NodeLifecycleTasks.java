package io.sendense.node;

import io.sendense.batch.lifecycle.ImageReport;
import io.sendense.batch.lifecycle.LifecycleTask;
import io.sendense.batch.lifecycle.ManifestFile;
import io.sendense.batch.lifecycle.RemovalRun;
import io.sendense.batch.wire.WorkItem;
import io.sendense.image.store.ImageStore;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
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
 * images, verify them: {@link LifecycleTask#run}, the hub's own reading code; take a point out of
 * its chains: {@link RemovalRun}, the hub's own file steps, each transition recorded by the hub
 * before the next; write or delete manifests the hub built), one task at a time on a thread of its
 * own, so it never holds up the poll or a job, and reports what it found or how it ended to {@code
 * POST /node/v1/lifecycle/{taskId}}. A repository it cannot open is reported as unreadable for
 * every image (the hub then judges nothing). A task it has already is not run twice.
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
    if (LifecycleTask.REMOVE.equals(task.kind()) || LifecycleTask.MANIFESTS.equals(task.kind())) {
      try {
        JsonObject end = LifecycleTask.REMOVE.equals(task.kind()) ? remove(task) : manifests(task);
        hub.call("node/v1/lifecycle/" + task.id(), end);
        LOG.info(() -> "Reported " + task + ": " + end);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not end " + task + "; the hub gives it again later", e);
      } finally {
        taken.remove(task.id());
      }
      return;
    }
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

  /**
   * Runs a removal's file steps with the hub's journal relayed ({@link RelayedJournal}); the end
   * says how they ended.
   */
  private JsonObject remove(LifecycleTask task) {
    long started = System.nanoTime();
    RelayedJournal journal = new RelayedJournal(hub, task.id());
    ImageStore store;
    try {
      store = repositories.apply(task.repository());
    } catch (RuntimeException e) {
      String why =
          "repository '" + task.repository().name() + "' cannot be opened: " + e.getMessage();
      task.steps().forEach(s -> journal.failed(s.id(), why));
      return end(new RemovalRun.Result(RemovalRun.End.FAILED, why));
    }
    RemovalRun.Result end = RemovalRun.run(store, task.steps(), journal);
    try {
      store.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "Closing repository '" + task.repository().name() + "'", e);
    }
    LOG.info(
        () -> task + " ran in " + (System.nanoTime() - started) / 1_000_000 + " ms: " + end.end());
    return end(end);
  }

  private static JsonObject end(RemovalRun.Result end) {
    return Json.createObjectBuilder()
        .add("end", end.end().name())
        .add("detail", end.detail())
        .build();
  }

  /** Writes and deletes the manifests in order; one that fails is named in the report. */
  private JsonObject manifests(LifecycleTask task) {
    JsonArrayBuilder errors = Json.createArrayBuilder();
    try (ImageStore store = repositories.apply(task.repository())) {
      for (ManifestFile f : task.files()) {
        try {
          f.apply(store);
        } catch (IOException | RuntimeException e) {
          errors.add(f + ": " + e.getMessage());
        }
      }
    } catch (Exception e) {
      errors.add(
          "repository '" + task.repository().name() + "' cannot be opened: " + e.getMessage());
    }
    return Json.createObjectBuilder().add("errors", errors).build();
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
