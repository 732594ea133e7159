package io.sendense.batch.backup;

import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.CatalogPort;
import io.sendense.batch.port.SourcePort;
import io.sendense.image.store.ImageStore;
import io.sendense.plugin.api.source.Snapshot;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import io.sendense.plugin.api.source.SourceSession;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * What the steps of one backup job execution share in memory: the backup record, the repository's
 * image store, the source session and the snapshot, the progress counters. The batch runtime keeps
 * nothing of this across a restart; a restarted execution rebuilds it (the backup from the catalog,
 * a new snapshot).
 */
public final class BackupRun {
  private final long executionId;
  private final long instanceId;
  private final ProgressTracker progress;
  private volatile BackupRecord backup;
  private volatile ImageStore store;
  private volatile SourceSession session;
  private volatile Snapshot snapshot;
  private volatile boolean snapshotRemoved;
  private volatile boolean complete;
  private volatile String failure;
  private final Map<Integer, DiskTransferReader> readers = new ConcurrentHashMap<>();
  private volatile CompletableFuture<Void> configRecorded = CompletableFuture.completedFuture(null);
  private volatile CompletableFuture<SourceSession> sessionOpening;
  private volatile String sessionOpeningFor;

  BackupRun(long executionId, long instanceId, ProgressTracker progress) {
    this.executionId = executionId;
    this.instanceId = instanceId;
    this.progress = progress;
  }

  long executionId() {
    return executionId;
  }

  long instanceId() {
    return instanceId;
  }

  ProgressTracker progress() {
    return progress;
  }

  /** The backup record; read from the catalog if this execution did not create it (a restart). */
  BackupRecord backup(CatalogPort catalog) {
    if (backup == null) {
      backup =
          catalog
              .backupOfJob(instanceId)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "The catalog has no backup for job instance " + instanceId));
    }
    return backup;
  }

  /** The backup record if known, else null. */
  BackupRecord backupIfKnown() {
    return backup;
  }

  void backup(BackupRecord record) {
    this.backup = record;
  }

  /** The repository the images go to, opened for this execution. */
  ImageStore store() {
    return Objects.requireNonNull(
        store, "repository not opened yet: the snapshot step has not run");
  }

  void storeOpened(ImageStore opened) {
    this.store = opened;
  }

  /** Closes the repository's store if this execution opened it. */
  void closeStore() throws IOException {
    ImageStore s = store;
    store = null;
    if (s != null) {
      s.close();
    }
  }

  SourceSession session() {
    return Objects.requireNonNull(session, "no source session: the snapshot step has not run");
  }

  SourceSession sessionIfOpen() {
    return session;
  }

  Snapshot snapshot() {
    return Objects.requireNonNull(snapshot, "no snapshot: the snapshot step has not run");
  }

  /** The snapshot taken by this execution and not yet removed, or null. */
  Snapshot liveSnapshot() {
    return snapshotRemoved ? null : snapshot;
  }

  /**
   * Starts logging in to the VM's source on a thread of its own, so that the login overlaps the
   * prepare step; the snapshot step takes the session ({@link #openSession}).
   */
  void openSessionInBackground(SourcePort sources, String vmId) {
    sessionOpeningFor = vmId;
    sessionOpening =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return sources.openFor(vmId);
              } catch (SourceException e) {
                throw new CompletionException(e);
              }
            },
            ownThread("sendense-source-login-" + executionId));
  }

  /**
   * A session to the VM's source: the one being opened in the background for this VM (its failure
   * is this call's), else a new one.
   */
  SourceSession openSession(SourcePort sources, String vmId) throws SourceException {
    if (!vmId.equals(sessionOpeningFor)) {
      closeQuietly(sessionNotTaken());
      return sources.openFor(vmId);
    }
    CompletableFuture<SourceSession> opening = sessionOpening;
    sessionOpening = null;
    if (opening == null) {
      return sources.openFor(vmId);
    }
    try {
      return opening.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SourceException se) {
        throw se;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(
          SourceProblem.OTHER, "interrupted while logging in to the source of VM " + vmId, e);
    }
  }

  /**
   * The session opened in the background that no step took (the job failed before its snapshot
   * step), once its login ended; null if there is none or the login failed. The caller closes it.
   */
  SourceSession sessionNotTaken() {
    CompletableFuture<SourceSession> opening = sessionOpening;
    sessionOpening = null;
    if (opening == null) {
      return null;
    }
    try {
      return opening.join();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Runs each task on a new daemon thread called {@code name}. */
  private static Executor ownThread(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      t.start();
    };
  }

  private static void closeQuietly(SourceSession s) {
    if (s != null) {
      try {
        s.close();
      } catch (Exception e) {
        // a session nobody used: nothing to report
      }
    }
  }

  void sessionOpened(SourceSession s) {
    this.session = s;
  }

  void snapshotTaken(Snapshot snap) {
    this.snapshot = snap;
  }

  void snapshotRemoved() {
    this.snapshotRemoved = true;
  }

  /**
   * Records the VM configuration on a thread of its own, so that the transfer does not wait for its
   * file and catalog writes; {@link #configRecorded} waits for it.
   */
  void recordConfigInBackground(VmConfigRecorder recorder, BackupRecord record, Snapshot snap) {
    ImageStore target = store();
    configRecorded =
        CompletableFuture.runAsync(
            () -> {
              try {
                recorder.record(record, target, snap);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            ownThread("sendense-vm-config-" + executionId));
  }

  /**
   * Waits until the VM configuration is recorded (finalize does, before it completes the backup;
   * the job listener does, before it closes the repository).
   *
   * @throws IOException if it could not be recorded
   */
  void configRecorded() throws IOException {
    try {
      configRecorded.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the VM configuration was recorded");
    }
  }

  /** The transfer step's reader of a disk registers itself for the writer of its partition. */
  void readerOpened(int diskKey, DiskTransferReader reader) {
    readers.put(diskKey, reader);
  }

  DiskTransferReader reader(int diskKey) {
    return Objects.requireNonNull(
        readers.get(diskKey), "the reader of disk " + diskKey + " is not open");
  }

  boolean complete() {
    return complete;
  }

  void markComplete() {
    this.complete = true;
  }

  /** The first failure an artifact reported, or null. */
  String failure() {
    return failure;
  }

  synchronized void noteFailure(String where, Throwable t) {
    if (failure == null) {
      failure = where + ": " + (t.getMessage() != null ? t.getMessage() : t.toString());
    }
  }
}
