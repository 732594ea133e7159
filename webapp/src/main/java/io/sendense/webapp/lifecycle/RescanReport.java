package io.sendense.webapp.lifecycle;

import java.util.List;

/**
 * What a repository rescan found.
 *
 * @param manifests point manifests read
 * @param imported points the catalog lacked and now has, from their manifests
 * @param missingFiles images the catalog names for COMPLETE points that are not in the repository
 * @param orphanImages QCOW2 files in the repository that no point in the catalog names
 * @param problems manifests that could not be read or imported, with why
 */
public record RescanReport(
    int manifests,
    List<Imported> imported,
    List<MissingFile> missingFiles,
    List<String> orphanImages,
    List<String> problems) {

  /** A point imported from its manifest. */
  public record Imported(String point, long backupId, String vmName, long vmId) {}

  /** An image of a point that is not in the repository. */
  public record MissingFile(long backupId, String vmName, String file) {}
}
