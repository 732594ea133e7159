package io.sendense.batch.copy;

import io.sendense.image.store.ImageStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What the steps of one execution of {@code copy-backup} share. */
final class CopyRun {
  private static final Logger LOG = Logger.getLogger(CopyRun.class.getName());

  final CopyProgress progress;
  private volatile CopyPlan plan;
  private volatile String failure;
  private final Set<Long> completed = ConcurrentHashMap.newKeySet();
  private final List<ImageStore> stores = new ArrayList<>();

  CopyRun(CopyProgress progress) {
    this.progress = progress;
  }

  CopyPlan plan() {
    return plan;
  }

  void plan(CopyPlan plan) {
    this.plan = plan;
  }

  void completed(long copyBackupId) {
    completed.add(copyBackupId);
  }

  /** The copies of the plan that did not complete in this execution. */
  List<Long> unfinished() {
    return plan == null
        ? List.of()
        : plan.points().stream()
            .map(CopyPlan.Point::copyBackupId)
            .filter(id -> !completed.contains(id))
            .toList();
  }

  void noteFailure(String step, Exception e) {
    if (failure == null) {
      failure = step + ": " + e.getMessage();
    }
  }

  String failure() {
    return failure;
  }

  synchronized ImageStore keep(ImageStore store) {
    stores.add(store);
    return store;
  }

  synchronized void close() {
    for (ImageStore s : stores) {
      try {
        s.close();
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.FINE, "closing a repository of a copy", e);
      }
    }
    stores.clear();
  }
}
