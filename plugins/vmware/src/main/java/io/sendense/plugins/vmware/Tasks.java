package io.sendense.plugins.vmware;

import com.vmware.vim25.LocalizedMethodFault;
import com.vmware.vim25.TaskInfo;
import com.vmware.vim25.TaskInfoState;
import com.vmware.vim25.mo.Task;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import java.rmi.RemoteException;

/** Waits for vSphere tasks and turns a failed task into a {@link SourceException}. */
final class Tasks {

  /**
   * First and longest pause between two polls: vSphere tasks such as snapshot creation take from a
   * few milliseconds (a simulator) to minutes, so the pause doubles from 10 ms up to 200 ms.
   */
  private static final long FIRST_PAUSE_MILLIS = 10;

  private static final long MAX_PAUSE_MILLIS = 200;

  /** Polls of one task that may fail in a row (a dropped connection) before the wait gives up. */
  private static final int POLL_ATTEMPTS = 3;

  private Tasks() {}

  /**
   * Waits for the task and returns its result.
   *
   * @param action what the task does, for the error message ("Removing snapshot x of VM y")
   */
  static Object await(Task task, String action, PinningTrustManager trust) throws SourceException {
    try {
      TaskInfo info = finished(task);
      if (info.getState() == TaskInfoState.success) {
        return info.getResult();
      }
      throw failure(action, info.getState().name(), info.getError(), trust);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(SourceProblem.OTHER, action + " was interrupted", e);
    } catch (SourceException e) {
      throw e;
    } catch (Exception e) {
      throw Faults.map(action, e, trust);
    }
  }

  /**
   * Polls the task until it succeeded or failed. Unlike yavijava's {@code Task.waitForTask}, which
   * sleeps once more after it saw the task end (100 ms per task here), it returns at once.
   */
  private static TaskInfo finished(Task task) throws Exception {
    long pause = FIRST_PAUSE_MILLIS;
    while (true) {
      TaskInfo info = poll(task);
      TaskInfoState state = info.getState();
      if (state == TaskInfoState.success || state == TaskInfoState.error) {
        return info;
      }
      Thread.sleep(pause);
      pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
    }
  }

  private static TaskInfo poll(Task task) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        TaskInfo info = task.getTaskInfo();
        if (info != null && info.getState() != null) {
          return info;
        }
        if (attempt >= POLL_ATTEMPTS) {
          throw new IllegalStateException("the server reports no state for the task");
        }
      } catch (RemoteException | RuntimeException e) {
        if (attempt >= POLL_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** The task's fault mapped if it says something specific, else its localized message. */
  private static SourceException failure(
      String action, String state, LocalizedMethodFault error, PinningTrustManager trust) {
    if (error != null && error.getFault() != null) {
      SourceException mapped = Faults.map(action, error.getFault(), trust);
      if (mapped.problem() != SourceProblem.OTHER) {
        return mapped;
      }
    }
    String reason = error == null ? state : error.getLocalizedMessage();
    return new SourceException(SourceProblem.OTHER, action + " failed: " + reason);
  }
}
