package io.sendense.webapp.common;

import io.sendense.image.point.PointManifests;
import io.sendense.persistence.backup.Backup;

/**
 * The name of a restore point in its repository folder (its manifest is named after it): kept once
 * given, so merges never rename a manifest. Shared by the lifecycle, which writes manifests, and
 * the locks, which protect the files.
 */
public final class PointNames {
  private PointNames() {}

  /** The point's name: the recorded manifest name, else the one its manifest will get. */
  public static String of(Backup b) {
    if (b.getManifestName() != null) {
      return b.getManifestName();
    }
    return PointManifests.pointName(b.getStartedAt(), b.getJobInstanceId(), b.getId());
  }
}
