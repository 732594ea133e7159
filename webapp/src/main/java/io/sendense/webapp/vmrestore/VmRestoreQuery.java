package io.sendense.webapp.vmrestore;

import io.sendense.persistence.restore.RestoreJobStatus;
import io.sendense.webapp.common.Refusal;
import java.time.Instant;
import java.util.Locale;

/**
 * What the API, machine details and the job console ask {@link VmRestoreService} for: a status
 * (null for any), a VM name fragment or the id of the VM restored from, a time window of queueing,
 * and how many rows at most (0 for the store's default).
 */
public record VmRestoreQuery(
    RestoreJobStatus status, String vmName, Long vmId, Instant from, Instant to, int limit) {

  /** Restores made from one VM's points, newest first. */
  public static VmRestoreQuery ofVm(long vmId, int limit) {
    return new VmRestoreQuery(null, null, vmId, null, null, limit);
  }

  /** Parses a status filter; blank means any, an unknown name is refused with 400. */
  public static RestoreJobStatus status(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return RestoreJobStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Refusal(
          400, "status must be QUEUED, RUNNING, COMPLETED or FAILED, not '" + value + "'");
    }
  }
}
