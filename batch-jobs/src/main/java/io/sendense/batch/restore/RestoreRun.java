package io.sendense.batch.restore;

import io.sendense.batch.restore.port.RestoreRequest;
import io.sendense.plugin.api.source.RestoredVm;
import io.sendense.plugin.api.source.SourceSession;
import io.sendense.plugin.api.source.VmRestore;
import io.sendense.plugin.api.source.VmRestoreSpec;

/**
 * What the steps of one {@code restore-vm} execution share in memory: the request, the source
 * session and its restore operations, the new VM, progress, and the first failure. A new execution
 * rebuilds it from the catalog.
 */
final class RestoreRun {
  private final long executionId;
  private final long restoreId;
  private final RestoreProgressTracker progress;
  private volatile RestoreRequest request;
  private volatile VmRestoreSpec spec;
  private volatile SourceSession session;
  private volatile VmRestore operations;
  private volatile RestoredVm vm;
  private volatile boolean stopRequested;
  private volatile boolean complete;
  private volatile String failure;

  RestoreRun(long executionId, long restoreId, RestoreProgressTracker progress) {
    this.executionId = executionId;
    this.restoreId = restoreId;
    this.progress = progress;
  }

  long executionId() {
    return executionId;
  }

  long restoreId() {
    return restoreId;
  }

  RestoreProgressTracker progress() {
    return progress;
  }

  RestoreRequest request() {
    return request;
  }

  void request(RestoreRequest r) {
    this.request = r;
  }

  VmRestoreSpec spec() {
    return spec;
  }

  void spec(VmRestoreSpec s) {
    this.spec = s;
  }

  SourceSession session() {
    return session;
  }

  VmRestore operations() {
    return operations;
  }

  void opened(SourceSession s, VmRestore ops) {
    this.session = s;
    this.operations = ops;
  }

  RestoredVm vm() {
    return vm;
  }

  void vm(RestoredVm created) {
    this.vm = created;
  }

  /** The batch runtime asked the execution to stop. */
  void requestStop() {
    this.stopRequested = true;
  }

  boolean stopRequested() {
    return stopRequested;
  }

  boolean complete() {
    return complete;
  }

  void markComplete() {
    this.complete = true;
  }

  String failure() {
    return failure;
  }

  synchronized void noteFailure(String where, Throwable t) {
    if (failure == null) {
      failure = where + ": " + t.getMessage();
    }
  }
}
