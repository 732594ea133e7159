package io.sendense.batch.restore.port;

import io.sendense.plugin.api.source.RestoreCheck;
import io.sendense.plugin.api.source.RestoredVm;

/**
 * What the {@code restore-vm} job needs from the catalog: the request, and a record of each step's
 * result so that the job can be resumed, undone and shown. The hub implements it with JPA (one
 * transaction per call). Methods throw unchecked exceptions naming the restore when the catalog
 * cannot answer; the job then fails.
 */
public interface RestoreCatalogPort {

  /**
   * The restore with what earlier executions made of it.
   *
   * @throws IllegalArgumentException if there is no such restore
   */
  RestoreRequest request(long restoreId);

  /** The target as the source resolved it before anything was created. */
  void resolved(long restoreId, RestoreCheck check);

  /** The new VM exists; recorded before any data is written to it. */
  void vmCreated(long restoreId, RestoredVm vm);

  /** The new VM was deleted (failure, cancel, or it vanished): all disks must be written again. */
  void vmRemoved(long restoreId);

  /** All of a disk's data is in the new VM. */
  void diskUploaded(long restoreId, int diskKey, long bytesSent, long durationMs);

  /** The original VM a replacing restore stands in for was deleted. */
  void originalRemoved(long restoreId);

  /**
   * The restore is done.
   *
   * @param warning what did not go as asked without undoing the restore (a VM that would not power
   *     on), or null
   */
  void completed(long restoreId, String vmId, String vmName, String warning);

  /** The restore failed; {@code reason} says why and what became of the new VM. */
  void failed(long restoreId, String reason);

  /** Whether someone asked the restore to stop. */
  boolean cancelRequested(long restoreId);

  /** Progress; called at every phase change and at most every two seconds otherwise. */
  void progress(RestoreProgress progress);
}
