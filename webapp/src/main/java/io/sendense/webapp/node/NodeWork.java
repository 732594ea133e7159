package io.sendense.webapp.node;

import io.sendense.batch.wire.ExecutionReport;
import io.sendense.batch.wire.WorkItem;
import io.sendense.plugin.api.source.SnapshotCleanup;
import io.sendense.plugin.api.source.SourceSession;
import io.sendense.webapp.backup.HubSourcePort;
import io.sendense.webapp.backup.JobLedger;
import io.sendense.webapp.backup.JobQueued;
import io.sendense.webapp.config.HubSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hub's side of the jobs nodes run. A job whose VM's source is assigned to a node is queued for
 * that node; the node's long poll claims it (as many as the per-node limit allows, one per VM, none
 * while the node drains) and gets a {@link WorkItem}. A job the hub shows running on a node that
 * the node does not report running (the node restarted) is handed out again and resumes its backup
 * from each disk's committed offset; a job the node reports that the hub no longer runs (failed as
 * stale, stopped from the console) is in the answer's stop list; a stop request wakes the node's
 * waiting poll, and a stop the node got is not sent again while it stops the job (only if the node
 * still reports the job a long poll later). Whole-VM restores placed on the node are handed out and
 * stopped the same way, in lists of their own ({@link NodeRestoreRecords}; a cancel from the
 * console reaches the node's restore through its catalog, which it asks). Each catalog step runs in
 * its own transaction ({@link NodeJobRecords}, {@link JobLedger}).
 */
@ApplicationScoped
public class NodeWork {
  private static final Logger LOG = Logger.getLogger(NodeWork.class.getName());
  static final Duration LONG_POLL = Duration.ofSeconds(20);

  @Inject NodeJobRecords records;
  @Inject NodeRestoreRecords restores;
  @Inject NodeLifecycle lifecycle;
  @Inject io.sendense.webapp.vmrestore.VmRestoreLedger restoreLedger;
  @Inject HubSourcePort sources;
  @Inject JobLedger ledger;
  @Inject HubSettings settings;
  @Inject Clock clock;
  @Inject Event<NodesChanged> nodesChanged;

  private final Set<Long> stopRequested = ConcurrentHashMap.newKeySet();

  /** Per node, when each stop was last sent: it is sent again only after a long poll's time. */
  private final Map<Long, Map<Long, Instant>> stopsSent = new ConcurrentHashMap<>();

  private final Map<Long, Map<Long, Instant>> restoreStopsSent = new ConcurrentHashMap<>();

  private final Object queueChanged = new Object();

  /**
   * The answer to a poll: work items (backups and restores), backups and restores to stop, and
   * restore point work on the repositories placed on the node ({@link NodeLifecycle}).
   */
  public record Answer(
      List<WorkItem> work,
      List<Long> stop,
      List<Long> stopRestores,
      List<io.sendense.batch.lifecycle.LifecycleTask> lifecycle) {}

  /**
   * Waits up to {@link #LONG_POLL} (at most a third of the offline limit) for work for the node (or
   * jobs to stop), then answers.
   *
   * @param running the hub job ids the node runs now
   * @param runningRestores the restore ids it runs now
   */
  public Answer poll(long nodeId, Set<Long> running, Set<Long> runningRestores)
      throws InterruptedException {
    Duration wait = settings.nodesOfflineAfter().dividedBy(3);
    Instant deadline = clock.instant().plus(wait.compareTo(LONG_POLL) < 0 ? wait : LONG_POLL);
    records.contact(nodeId, running);
    restores.contact(nodeId, runningRestores);
    Map<Long, Instant> sent = stopsSent.computeIfAbsent(nodeId, k -> new ConcurrentHashMap<>());
    sent.keySet().retainAll(running);
    Map<Long, Instant> restoreSent =
        restoreStopsSent.computeIfAbsent(nodeId, k -> new ConcurrentHashMap<>());
    restoreSent.keySet().retainAll(runningRestores);
    while (true) {
      NodeJobRecords.Decision d = records.decide(nodeId, running, Set.copyOf(stopRequested));
      NodeRestoreRecords.Decision r = restores.decide(nodeId, runningRestores, d.start().size());
      Instant now = clock.instant();
      List<Long> stop = due(sent, d.stop(), now);
      List<Long> stopRestores = due(restoreSent, r.stop(), now);
      int jobs = running.size() + d.start().size() + runningRestores.size() + r.start().size();
      List<io.sendense.batch.lifecycle.LifecycleTask> tasks =
          lifecycle.waiting(nodeId) ? lifecycle.take(nodeId, jobs) : List.of();
      if (!d.start().isEmpty()
          || !stop.isEmpty()
          || !r.start().isEmpty()
          || !stopRestores.isEmpty()
          || !tasks.isEmpty()) {
        List<WorkItem> work = new ArrayList<>(start(nodeId, d.start()));
        if (!d.start().isEmpty()) {
          nodesChanged.fire(new NodesChanged()); // the node's running jobs
        }
        r.start().forEach(id -> work.add(restores.item(id)));
        r.start().forEach(id -> LOG.info(() -> "VM restore " + id + " handed to node " + nodeId));
        return new Answer(work, stop, stopRestores, tasks);
      }
      if (!clock.instant().isBefore(deadline)) {
        return new Answer(List.of(), List.of(), List.of(), List.of());
      }
      synchronized (queueChanged) {
        queueChanged.wait(1000);
      }
    }
  }

  /** The stops not sent within a long poll's time; marks them sent now. */
  private static List<Long> due(Map<Long, Instant> sent, List<Long> stop, Instant now) {
    List<Long> due =
        stop.stream()
            .filter(id -> !sent.getOrDefault(id, Instant.MIN).isAfter(now.minus(LONG_POLL)))
            .toList();
    due.forEach(id -> sent.put(id, now));
    return due;
  }

  private List<WorkItem> start(long nodeId, Map<Long, Long> jobs) {
    List<WorkItem> items = new ArrayList<>();
    jobs.forEach(
        (jobId, resumeBackupId) -> {
          long executions = records.executions(jobId, nodeId);
          long id = -(jobId * 1000 + (executions % 1000));
          ledger.started(jobId, id, id);
          items.add(records.item(jobId, resumeBackupId));
          LOG.info(
              () ->
                  "Backup job "
                      + jobId
                      + " handed to node "
                      + nodeId
                      + (resumeBackupId == null ? "" : " to resume backup " + resumeBackupId));
        });
    return items;
  }

  void queued(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobQueued event) {
    wake();
  }

  /** Wakes the waiting long polls: new work may be there for their nodes. */
  public void wake() {
    synchronized (queueChanged) {
      queueChanged.notifyAll();
    }
  }

  /** The node reports how its job's execution runs (status, steps), for the console. */
  public void reported(long nodeId, long jobId, long executionId, ExecutionReport report) {
    records.report(nodeId, jobId, executionId, report);
  }

  /**
   * The node reports the end of a job's execution, with its last report of it (null from an older
   * node); ignored if the hub no longer runs it.
   */
  public void ended(
      long nodeId,
      long jobId,
      long executionId,
      String batchStatus,
      String exit,
      ExecutionReport report) {
    stopRequested.remove(jobId);
    if (report != null) {
      records.report(nodeId, jobId, executionId, report);
    }
    if (records.ownsExecution(nodeId, jobId, executionId)) {
      ledger.ended(jobId, batchStatus, exit);
      nodesChanged.fire(new NodesChanged());
    }
  }

  /** The node reports the end of a restore's execution; ignored if the hub no longer runs it. */
  public void restoreEnded(
      long nodeId, long restoreId, long executionId, String batchStatus, String exit) {
    if (restores.ownsExecution(nodeId, restoreId, executionId)) {
      restoreLedger.ended(restoreId, batchStatus, exit);
    }
  }

  /**
   * Asks the node to stop a job (the console's Stop): the node's waiting long poll answers within a
   * second; the node reports the job's end as soon as its runtime stopped it.
   */
  public void requestStop(long jobId) {
    stopRequested.add(jobId);
    synchronized (queueChanged) {
      queueChanged.notifyAll();
    }
  }

  /**
   * Removes the backup snapshots the lost node left on the VM, through the hub's own session to the
   * source (the hub reaches it for discovery). If that fails, the VM's next backup removes them, as
   * every backup removes stale {@code sbak-} snapshots first.
   */
  private void removeSnapshots(NodeJobRecords.Stale s) {
    try (SourceSession session = sources.openFor(s.vmId())) {
      SnapshotCleanup cleanup = session.removeStaleBackupSnapshots(s.vmId(), null);
      LOG.info(() -> "Job " + s.jobId() + ": removed snapshots " + cleanup.removed());
      if (!cleanup.clean()) {
        LOG.warning(() -> "Job " + s.jobId() + ": snapshots left " + cleanup.leftovers());
      }
    } catch (Exception e) {
      LOG.log(
          Level.WARNING,
          "Job "
              + s.jobId()
              + ": the snapshot of the lost node's job was not removed; the VM's"
              + " next backup removes it",
          e);
    }
  }

  /** Fails running node jobs without a report for longer than the grace; returns their ids. */
  public List<Long> failStale() {
    Instant limit = clock.instant().minus(settings.nodesJobGrace());
    List<Long> failed = new ArrayList<>();
    for (NodeJobRecords.Stale s : records.stale(limit)) {
      if (ledger.nodeLost(s.jobId(), s.reason())) {
        LOG.warning(() -> "Backup job " + s.jobId() + ": " + s.reason());
        removeSnapshots(s);
        failed.add(s.jobId());
      }
    }
    if (!failed.isEmpty()) {
      nodesChanged.fire(new NodesChanged());
    }
    for (NodeRestoreRecords.Stale s : restores.stale(limit)) {
      if (restoreLedger.nodeLost(s.restoreId(), s.reason())) {
        LOG.warning(() -> "VM restore " + s.restoreId() + ": " + s.reason());
      }
    }
    return failed;
  }
}
