package io.sendense.batch.restore;

import io.sendense.batch.restore.port.RestoreRequest;
import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.plugin.api.source.VmRestoreSpec;

/**
 * What a restore creates, the one rule for the job and for the host's checks before it queues a
 * restore: the recorded configuration under the target's name (a replacing restore builds under a
 * temporary name until the original is gone), in the requested place with the recorded place as the
 * default, keeping MAC addresses only when it replaces the original.
 */
public final class RestoreSpecs {
  private static final int MAX_NAME = 80;

  private RestoreSpecs() {}

  public static VmRestoreSpec spec(RestoreRequest r, VmConfiguration recorded) {
    String name = r.replaceVmId() == null ? r.targetName() : temporaryName(r);
    return new VmRestoreSpec(
        name,
        recorded,
        r.placement().orElse(recorded.placement()),
        r.networkMap(),
        r.diskProvisioning(),
        r.replaceVmId() != null,
        r.restoreTag());
  }

  /** A replacing restore builds the VM under another name until the original is gone. */
  public static String temporaryName(RestoreRequest r) {
    String suffix = "-restoring-" + r.restoreId();
    String base = r.targetName();
    return (base.length() + suffix.length() > MAX_NAME
            ? base.substring(0, MAX_NAME - suffix.length())
            : base)
        + suffix;
  }
}
