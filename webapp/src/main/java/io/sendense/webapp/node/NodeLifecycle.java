package io.sendense.webapp.node;

import io.sendense.batch.lifecycle.ImageReport;
import io.sendense.batch.lifecycle.LifecycleTask;
import io.sendense.batch.lifecycle.ManifestFile;
import io.sendense.batch.lifecycle.RemovalRun;
import io.sendense.batch.lifecycle.RemovalStep;
import io.sendense.image.qcow2.ImageVerifier;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.config.HubSettings;
import io.sendense.webapp.lifecycle.ChainGuard;
import io.sendense.webapp.lifecycle.HashRecords;
import io.sendense.webapp.lifecycle.MergeJournal;
import io.sendense.webapp.lifecycle.NodeLifecycleWork;
import io.sendense.webapp.lifecycle.PointRemoval;
import io.sendense.webapp.lifecycle.VerificationRecords;
import io.sendense.webapp.lifecycle.VerificationService;
import io.sendense.webapp.security.SystemCaller;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Restore point work on repositories placed on a node, which only that node reaches: the hub's
 * hasher and verification queue it here ({@link NodeLifecycleWork}); the node's poll takes it
 * within its job limit (not while it drains or is revoked) as a {@link LifecycleTask}; the node
 * reads the images as the hub would and reports what it found ({@code POST
 * /node/v1/lifecycle/{taskId}}), which the hub records and judges through its own records ({@link
 * HashRecords}, {@link VerificationService#judge}). Only the node a task was given to may report
 * it, only on images it asked for, and only while the repository is still placed on it (403
 * otherwise). A task without a report within the node job grace (the node went away) is given
 * again; until then nothing is judged. Removals ({@link PointRemoval} hands them here) and manifest
 * writes ({@code ManifestService}) of such repositories are tasks too: a removal's node records
 * each journal transition through {@link #journal} before its next file operation ({@link
 * NodeRemovals}), and its end ({@link #report}) finishes the removal and releases the chains. Tasks
 * live in memory: after a hub restart the hasher finds the pending images again and verification
 * runs at its next schedule.
 */
@ApplicationScoped
public class NodeLifecycle {
  private static final Logger LOG = Logger.getLogger(NodeLifecycle.class.getName());

  @Inject NodeLifecycleRecords records;
  @Inject HashRecords hashes;
  @Inject VerificationRecords verificationRecords;
  @Inject VerificationService verification;
  @Inject NodeWork work;
  @Inject HubSettings settings;
  @Inject Clock clock;
  @Inject ChainGuard guard;
  @Inject PointRemoval removal;
  @Inject NodeRemovals nodeRemovals;
  @Resource ManagedExecutorService executor;

  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Pending> tasks = new LinkedHashMap<>();

  /**
   * A task waiting for its node, or handed to it at {@code handedAt} (null: not yet), with the
   * images it asked for.
   */
  public record Pending(
      long id,
      long nodeId,
      String kind,
      long repositoryId,
      List<Long> diskIds,
      List<Long> backupIds,
      boolean wholeRepository,
      Instant handedAt,
      List<Long> asked,
      NodeLifecycleWork.Remove removal,
      List<ManifestFile> files) {

    /** A hash or verify task. */
    public Pending(
        long id,
        long nodeId,
        String kind,
        long repositoryId,
        List<Long> diskIds,
        List<Long> backupIds,
        boolean wholeRepository,
        Instant handedAt,
        List<Long> asked) {
      this(
          id,
          nodeId,
          kind,
          repositoryId,
          diskIds,
          backupIds,
          wholeRepository,
          handedAt,
          asked,
          null,
          List.of());
    }

    /** This task handed out now, asking for {@code asked} (images, or a removal's steps). */
    Pending handed(Instant at, List<Long> asked) {
      return new Pending(
          id,
          nodeId,
          kind,
          repositoryId,
          diskIds,
          backupIds,
          wholeRepository,
          at,
          List.copyOf(asked),
          removal,
          files);
    }
  }

  void hash(@Observes NodeLifecycleWork.Hash h) {
    synchronized (this) {
      boolean known =
          tasks.values().stream()
              .anyMatch(
                  p -> p.kind().equals(LifecycleTask.HASH) && p.diskIds().contains(h.diskId()));
      if (known) {
        return;
      }
      Optional<Pending> open = notYetHanded(LifecycleTask.HASH, h.nodeId(), h.repositoryId());
      if (open.isPresent()) {
        Pending p = open.get();
        List<Long> disks = new ArrayList<>(p.diskIds());
        disks.add(h.diskId());
        tasks.put(p.id(), with(p, disks));
      } else {
        add(
            h.nodeId(),
            LifecycleTask.HASH,
            h.repositoryId(),
            List.of(h.diskId()),
            List.of(),
            false);
      }
    }
    work.wake();
  }

  void verify(@Observes NodeLifecycleWork.Verify v) {
    synchronized (this) {
      boolean waiting =
          tasks.values().stream()
              .anyMatch(
                  p ->
                      p.kind().equals(LifecycleTask.VERIFY)
                          && p.handedAt() == null
                          && p.repositoryId() == v.repositoryId()
                          && p.backupIds().equals(v.backupIds())
                          && p.wholeRepository() == v.wholeRepository());
      if (waiting) {
        return;
      }
      add(
          v.nodeId(),
          LifecycleTask.VERIFY,
          v.repositoryId(),
          List.of(),
          v.backupIds(),
          v.wholeRepository());
    }
    work.wake();
  }

  void remove(@Observes NodeLifecycleWork.Remove r) {
    synchronized (this) {
      boolean known =
          tasks.values().stream()
              .anyMatch(p -> p.removal() != null && p.removal().backupId() == r.backupId());
      if (!known) {
        long id = ids.incrementAndGet();
        tasks.put(
            id,
            new Pending(
                id,
                r.nodeId(),
                LifecycleTask.REMOVE,
                r.repositoryId(),
                List.of(),
                List.of(r.backupId()),
                false,
                null,
                List.of(),
                r,
                List.of()));
      }
    }
    work.wake();
  }

  /** The task of this kind for the node and repository not handed out yet, to add work to. */
  private Optional<Pending> notYetHanded(String kind, long nodeId, long repositoryId) {
    return tasks.values().stream()
        .filter(
            p ->
                p.kind().equals(kind)
                    && p.handedAt() == null
                    && p.nodeId() == nodeId
                    && p.repositoryId() == repositoryId)
        .findFirst();
  }

  void files(@Observes NodeLifecycleWork.Files f) {
    synchronized (this) {
      Optional<Pending> open = notYetHanded(LifecycleTask.MANIFESTS, f.nodeId(), f.repositoryId());
      List<ManifestFile> files = new ArrayList<>(open.map(Pending::files).orElse(List.of()));
      files.add(f.file());
      long id = open.map(Pending::id).orElseGet(ids::incrementAndGet);
      tasks.put(
          id,
          new Pending(
              id,
              f.nodeId(),
              LifecycleTask.MANIFESTS,
              f.repositoryId(),
              List.of(),
              List.of(),
              false,
              null,
              List.of(),
              null,
              List.copyOf(files)));
    }
    work.wake();
  }

  private void add(
      long nodeId,
      String kind,
      long repositoryId,
      List<Long> diskIds,
      List<Long> backupIds,
      boolean whole) {
    long id = ids.incrementAndGet();
    tasks.put(
        id,
        new Pending(
            id,
            nodeId,
            kind,
            repositoryId,
            diskIds,
            List.copyOf(backupIds),
            whole,
            null,
            List.of()));
  }

  private static Pending with(Pending p, List<Long> diskIds) {
    return new Pending(
        p.id(),
        p.nodeId(),
        p.kind(),
        p.repositoryId(),
        List.copyOf(diskIds),
        p.backupIds(),
        p.wholeRepository(),
        p.handedAt(),
        p.asked());
  }

  /** Whether tasks wait for the node (new, or given to it too long ago without a report). */
  public synchronized boolean waiting(long nodeId) {
    Instant stale = clock.instant().minus(settings.nodesJobGrace());
    return tasks.values().stream().anyMatch(p -> p.nodeId() == nodeId && due(p, stale));
  }

  /**
   * The tasks the node takes now: new ones and those given to it without a report within the grace,
   * as many as its job limit leaves after {@code jobs} (backups and restores it runs or takes in
   * this poll) and the tasks it has.
   */
  public synchronized List<LifecycleTask> take(long nodeId, int jobs) {
    Instant now = clock.instant();
    Instant stale = now.minus(settings.nodesJobGrace());
    int busy =
        (int) tasks.values().stream().filter(p -> p.nodeId() == nodeId && !due(p, stale)).count();
    int free = SystemCaller.run(() -> records.slots(nodeId, jobs, busy));
    List<LifecycleTask> given = new ArrayList<>();
    for (Pending p : List.copyOf(tasks.values())) {
      if (given.size() >= free) {
        break;
      }
      if (p.nodeId() != nodeId || !due(p, stale)) {
        continue;
      }
      Optional<LifecycleTask> task = SystemCaller.run(() -> records.task(p));
      if (task.isEmpty()) {
        tasks.remove(p.id());
        if (p.removal() != null) {
          LOG.info(() -> "Removal task " + p.id() + " given up: nothing left for node " + nodeId);
          guard.release(p.removal().vmId(), p.repositoryId());
        }
        continue;
      }
      List<Long> asked =
          p.kind().equals(LifecycleTask.REMOVE)
              ? task.get().steps().stream().map(RemovalStep::id).toList()
              : task.get().images().stream().map(LifecycleTask.Image::diskId).toList();
      tasks.put(p.id(), p.handed(now, asked));
      given.add(task.get());
      LOG.info(
          () -> task.get() + " handed to node " + nodeId + (p.handedAt() == null ? "" : " again"));
    }
    return given;
  }

  /**
   * Moves removals off a node their repository is no longer placed on (the admin cleared or changed
   * the repository's node, e.g. after revoking a node that died): once the task was never handed,
   * or handed longer than the job grace ago without an end (so the old node is not writing into the
   * chain any more), it is rolled forward where the repository is now, on the hub or handed to its
   * new node, from the journal as a hub restart would. Without this, the chain stayed held until
   * the hub restarted. Run every few seconds by the node listener's check.
   */
  public void sweep() {
    Instant stale = clock.instant().minus(settings.nodesJobGrace());
    List<Pending> moved = new ArrayList<>();
    synchronized (this) {
      for (Pending p : List.copyOf(tasks.values())) {
        if (p.removal() != null
            && movedAway(p, SystemCaller.run(() -> records.nodeOf(p.repositoryId())), stale)) {
          tasks.remove(p.id());
          moved.add(p);
        }
      }
    }
    // on a thread of its own: a merge rolled forward on the hub must not hold up the node checks
    moved.forEach(p -> executor.execute(() -> moveOff(p)));
  }

  private void moveOff(Pending p) {
    NodeLifecycleWork.Remove r = p.removal();
    LOG.info(
        () ->
            "Removal of backup "
                + r.backupId()
                + " leaves node "
                + p.nodeId()
                + ": repository "
                + p.repositoryId()
                + " is no longer placed on it");
    boolean onNode = false;
    try {
      List<MergeJournal.Step> steps = SystemCaller.run(() -> records.openSteps(r.backupId()));
      if (!steps.isEmpty()) {
        PointRemoval.Result result =
            SystemCaller.run(() -> removal.resume(r.backupId(), p.repositoryId(), steps));
        LOG.info(() -> "Removal of backup " + r.backupId() + " rolled forward: " + result);
        onNode = result.outcome() == PointRemoval.Outcome.ON_NODE;
      }
    } finally {
      if (!onNode) {
        guard.release(r.vmId(), p.repositoryId());
      }
    }
  }

  /**
   * Whether a removal task leaves its node: its repository is placed elsewhere (or nowhere) now,
   * and the node does not hold it (never handed, or handed before {@code stale}).
   */
  static boolean movedAway(Pending p, Long placedOn, Instant stale) {
    return (placedOn == null || placedOn != p.nodeId()) && due(p, stale);
  }

  private static boolean due(Pending p, Instant stale) {
    return p.handedAt() == null || p.handedAt().isBefore(stale);
  }

  /**
   * The node's report on a task, by kind: hashes are recorded, verifications judged ({@link
   * ImageReport}s), a removal's end finished in the catalog ({@link #removalEnded}), manifests
   * logged.
   */
  public void report(long nodeId, long taskId, JsonObject body) {
    Pending p;
    synchronized (this) {
      p = tasks.get(taskId);
    }
    if (p != null && p.kind().equals(LifecycleTask.REMOVE)) {
      removalEnded(nodeId, taskId, body);
    } else if (p != null && p.kind().equals(LifecycleTask.MANIFESTS)) {
      synchronized (this) {
        permit(nodeId, taskId, p, records.nodeOf(p.repositoryId()), List.of());
        tasks.remove(taskId);
      }
      LOG.info(
          () ->
              "Node "
                  + nodeId
                  + " wrote "
                  + p.files()
                  + (body.getJsonArray("errors") == null || body.getJsonArray("errors").isEmpty()
                      ? ""
                      : "; failed: " + body.getJsonArray("errors")));
    } else {
      report(nodeId, taskId, ImageReport.listFromJson(body));
    }
  }

  /**
   * The node's report on a task: hashes are recorded, verifications judged.
   *
   * @throws Refusal 403 when the node was not given the task, the repository is no longer placed on
   *     it, or it reports an image the task did not ask for; 404 when the task is unknown (done, or
   *     given again after the grace and reported already)
   */
  public void report(long nodeId, long taskId, List<ImageReport> reports) {
    Pending p;
    synchronized (this) {
      p = tasks.get(taskId);
      permit(nodeId, taskId, p, p == null ? null : records.nodeOf(p.repositoryId()), reports);
      tasks.remove(taskId);
    }
    LOG.info(() -> "Node " + nodeId + " reported lifecycle task " + taskId + " (" + p.kind() + ")");
    if (p.kind().equals(LifecycleTask.HASH)) {
      recordHashes(reports);
    } else {
      judge(p, reports);
    }
  }

  /** The report's permission check, kept apart so the rule is tested on its own. */
  static void permit(
      long nodeId,
      long taskId,
      Pending task,
      Long repositoryNode,
      Collection<ImageReport> reports) {
    if (task == null) {
      throw new Refusal(404, "No lifecycle task " + taskId + " waits for a report");
    }
    if (task.nodeId() != nodeId || task.handedAt() == null) {
      throw new Refusal(403, "This node was not given lifecycle task " + taskId);
    }
    if (repositoryNode == null || repositoryNode != nodeId) {
      throw new Refusal(403, "Repository " + task.repositoryId() + " is not placed on this node");
    }
    for (ImageReport r : reports) {
      if (!task.asked().contains(r.diskId())) {
        throw new Refusal(403, "Lifecycle task " + taskId + " did not ask for image " + r.diskId());
      }
    }
  }

  /**
   * A transition of a removal the node runs ({@link io.sendense.batch.lifecycle.RemovalJournal}
   * relayed): recorded in the hub's journal before the answer, so the node's next file operation
   * follows the record.
   *
   * @throws Refusal 403 as for reports, and when the step is not one of the task's, or the file or
   *     point named is not the step's; 409 when the step's recorded state does not allow the
   *     transition (a stale run of the task)
   */
  public JsonObject journal(long nodeId, long taskId, JsonObject body) {
    Pending p;
    synchronized (this) {
      p = tasks.get(taskId);
      permit(nodeId, taskId, p, p == null ? null : records.nodeOf(p.repositoryId()), List.of());
    }
    long stepId = body.getJsonNumber("step").longValue();
    permitStep(taskId, p, stepId);
    String op = body.getString("op");
    SystemCaller.run(
        () -> {
          nodeRemovals.record(p.repositoryId(), stepId, op, body);
          return null;
        });
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /** A removal's transition is only on a step of the task (checked after {@link #permit}). */
  static void permitStep(long taskId, Pending task, long stepId) {
    if (!task.kind().equals(LifecycleTask.REMOVE) || !task.asked().contains(stepId)) {
      throw new Refusal(403, "Lifecycle task " + taskId + " has no removal step " + stepId);
    }
  }

  private void removalEnded(long nodeId, long taskId, JsonObject body) {
    Pending p;
    synchronized (this) {
      p = tasks.get(taskId);
      permit(nodeId, taskId, p, p == null ? null : records.nodeOf(p.repositoryId()), List.of());
      tasks.remove(taskId);
    }
    NodeLifecycleWork.Remove r = p.removal();
    RemovalRun.Result end =
        new RemovalRun.Result(
            RemovalRun.End.valueOf(body.getString("end")), body.getString("detail", ""));
    PointRemoval.Result result =
        SystemCaller.run(
            () -> removal.nodeEnded(r.backupId(), r.vmId(), r.repositoryId(), r.flowId(), end));
    LOG.info(
        () ->
            "Node "
                + nodeId
                + " ended the removal of backup "
                + r.backupId()
                + " ("
                + end
                + "): "
                + result);
  }

  private void recordHashes(List<ImageReport> reports) {
    Instant now = clock.instant();
    for (ImageReport r : reports) {
      if ("OK".equals(r.status()) && r.sha256() != null) {
        hashes.record(r.diskId(), r.file(), r.sha256(), now);
      } else {
        LOG.warning(
            () -> "The node could not hash " + r.file() + " (it stays pending): " + r.detail());
      }
    }
  }

  private void judge(Pending p, List<ImageReport> reports) {
    Map<Long, ImageVerifier.Result> found = new HashMap<>();
    Instant now = clock.instant();
    for (ImageReport r : reports) {
      if (ImageReport.UNREADABLE.equals(r.status())) {
        continue;
      }
      ImageVerifier.Status status = ImageVerifier.Status.valueOf(r.status());
      if (status == ImageVerifier.Status.OK && r.sha256() != null) {
        if (!hashes.record(r.diskId(), r.file(), r.sha256(), now) && r.facts() != null) {
          verificationRecords.firstFacts(r.diskId(), r.facts());
        }
      }
      found.put(r.diskId(), new ImageVerifier.Result(r.file(), status, r.detail(), r.sha256()));
    }
    String node = records.nodeName(p.nodeId());
    SystemCaller.run(
        () ->
            verification.judge(p.repositoryId(), node, p.backupIds(), found, p.wholeRepository()));
  }
}
