package io.sendense.plugins.vmware;

import com.vmware.vim25.LocalizedMethodFault;
import com.vmware.vim25.TaskInfo;
import com.vmware.vim25.TaskInfoState;
import com.vmware.vim25.mo.Task;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;

/** Waits for vSphere tasks and turns a failed task into a {@link SourceException}. */
final class Tasks {

  /** Poll interval; vSphere tasks such as snapshot creation take from 100 ms to minutes. */
  private static final int POLL_MILLIS = 100;

  private Tasks() {}

  /**
   * Waits for the task and returns its result.
   *
   * @param action what the task does, for the error message ("Removing snapshot x of VM y")
   */
  static Object await(Task task, String action, PinningTrustManager trust) throws SourceException {
    try {
      String state = task.waitForTask(POLL_MILLIS, POLL_MILLIS);
      TaskInfo info = task.getTaskInfo();
      if (TaskInfoState.success.name().equals(state)) {
        return info.getResult();
      }
      throw failure(action, state, info.getError(), trust);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(SourceProblem.OTHER, action + " was interrupted", e);
    } catch (SourceException e) {
      throw e;
    } catch (Exception e) {
      throw Faults.map(action, e, trust);
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
