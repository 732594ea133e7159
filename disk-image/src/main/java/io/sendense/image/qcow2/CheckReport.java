package io.sendense.image.qcow2;

import java.nio.file.Path;
import java.util.List;

/**
 * Result of {@link Qcow2Checker#check} for one image file.
 *
 * @param file the image checked
 * @param errors problems that make the image unsafe (wrong refcounts, bad offsets, overlaps)
 * @param leakedClusters clusters with a refcount that nothing references (harmless, wasted space)
 */
public record CheckReport(Path file, List<String> errors, long leakedClusters) {
  public CheckReport {
    errors = List.copyOf(errors);
  }

  /** True when there are neither errors nor leaks. */
  public boolean clean() {
    return errors.isEmpty() && leakedClusters == 0;
  }
}
