package io.sendense.webapp.lifecycle;

import java.util.List;

/**
 * Restore point work the hub hands to the node a repository is placed on (the hub does not open
 * such a repository): events the node side of the hub observes and queues for that node's poll.
 */
public final class NodeLifecycleWork {
  private NodeLifecycleWork() {}

  /** Hash an image whose SHA-256 is pending. */
  public record Hash(long nodeId, long repositoryId, long diskId) {}

  /**
   * Verify points; {@code wholeRepository}: a pass over the repository, whose summary the node's
   * report replaces.
   */
  public record Verify(
      long nodeId, long repositoryId, List<Long> backupIds, boolean wholeRepository) {}

  /**
   * Run the file steps of a removal whose journal the hub planned (the point's open journal rows);
   * the VM's chains in the repository stay held until the node reports the end.
   */
  public record Remove(long nodeId, long repositoryId, long vmId, long backupId, Long flowId) {}

  /** Write or delete manifest files in a repository placed on a node, in order. */
  public record Files(
      long nodeId, long repositoryId, io.sendense.batch.lifecycle.ManifestFile file) {}
}
