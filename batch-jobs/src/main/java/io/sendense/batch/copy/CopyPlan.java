package io.sendense.batch.copy;

import io.sendense.image.qcow2.ImageFacts;
import java.util.List;

/**
 * What one copy job copies.
 *
 * @param sourceRepositoryId the repository the points are read from
 * @param targetRepositoryId the repository the copies are written to
 * @param vmId the VM (catalog id), for telemetry
 * @param points the copies to make, oldest first; the last is the requested point's
 */
public record CopyPlan(
    String sourceRepositoryId, String targetRepositoryId, String vmId, List<Point> points) {

  public CopyPlan {
    points = List.copyOf(points);
  }

  /** Bytes still to read from the source: whole files for byte copies, the chain for fulls. */
  public long bytesToCopy() {
    return points.stream()
        .flatMap(p -> p.images().stream())
        .filter(i -> !i.done())
        .mapToLong(i -> i.expected() == null ? 0 : i.expected().fileSize())
        .sum();
  }

  /**
   * One copy.
   *
   * @param configFile the point's VM configuration file (the same name in both repositories), or
   *     null when the source has none
   */
  public record Point(
      long sourceBackupId, long copyBackupId, List<Image> images, String configFile) {
    public Point {
      images = List.copyOf(images);
    }
  }

  /**
   * One image of a copy.
   *
   * @param file its name, the same in the source and the target repository
   * @param expected what the source recorded for it (file size, SHA-256, header facts)
   * @param flatten write a standalone full of the source chain's content instead of copying the
   *     file byte for byte
   * @param done already written and verified on the target by an earlier execution
   */
  public record Image(
      long copyDiskId,
      int diskKey,
      String file,
      ImageFacts expected,
      boolean flatten,
      boolean done) {}
}
