package io.sendense.webapp.lifecycle;

import io.sendense.batch.lifecycle.ManifestFile;
import io.sendense.batch.point.PointFiles;
import io.sendense.image.point.PointManifest;
import io.sendense.image.point.PointManifests;
import io.sendense.image.qcow2.ImageFacts;
import io.sendense.image.store.ImageStore;
import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupDisk;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.node.Node;
import io.sendense.persistence.node.Placement;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.repository.RepositoryStore;
import io.sendense.persistence.source.Source;
import io.sendense.persistence.source.Vm;
import io.sendense.webapp.common.PointNames;
import io.sendense.webapp.repository.RepositoryService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes each restore point's sidecar manifest from the catalog, next to its images, so that the
 * repository explains itself without the hub: at completion, and again whenever a merge changes the
 * point's files. In a repository placed on a node (which the hub does not open) the node writes the
 * manifest the hub built, queued for its poll ({@link NodeLifecycleWork.Files}). Callers run inside
 * their own transaction.
 */
@ApplicationScoped
public class ManifestService {
  @Inject BackupStore backups;
  @Inject RepositoryService repositories;
  @Inject RepositoryStore repositoryStore;
  @Inject Event<NodeLifecycleWork.Files> onNode;

  /** The point's name in its folder: kept once given, so merges never rename a manifest. */
  public String pointName(Backup b) {
    return PointNames.of(b);
  }

  /**
   * Writes (or rewrites) the manifest of a COMPLETE point and records its name on the backup.
   *
   * @throws IOException if the repository cannot be reached or written
   */
  public void write(Backup backup) throws IOException {
    List<BackupDisk> disks = backups.disksOf(backup);
    if (disks.isEmpty()) {
      return;
    }
    String folder = folderOf(disks.get(0).getFileName());
    List<PointManifest.Disk> entries = new ArrayList<>();
    for (BackupDisk d : disks) {
      BackupDisk parent = d.getParent();
      entries.add(
          new PointManifest.Disk(
              d.getDiskIndex(),
              d.getVmDisk().getDeviceKey(),
              d.getLabel(),
              d.getCapacityBytes(),
              d.getChangeId(),
              relative(folder, d.getFileName()),
              parent == null ? null : relative(folder, parent.getFileName()),
              parent == null ? null : pointName(parent.getBackup()),
              facts(d),
              d.isHashPending()));
    }
    String point = pointName(backup);
    PointManifest manifest =
        new PointManifest(
            point,
            disks.stream().anyMatch(d -> d.getParent() != null) ? "INCREMENTAL" : "FULL",
            backup.getStartedAt(),
            backup.getCompletedAt(),
            vm(backup.getVm()),
            backup.getFlowExecution() == null
                ? null
                : backup.getFlowExecution().getFlow().getName(),
            backup.getId(),
            entries);
    Optional<Node> node = onNode(backup);
    if (node.isPresent()) {
      onNode.fire(
          new NodeLifecycleWork.Files(
              node.get().getId(),
              backup.getRepository().getId(),
              ManifestFile.write(folder, point, PointManifests.text(manifest))));
    } else {
      try (ImageStore store = open(backup)) {
        PointManifests.write(store, folder, manifest);
      }
    }
    backup.setManifestName(point);
  }

  /** The node a point's repository is placed on, which writes its manifests; else empty. */
  private static Optional<Node> onNode(Backup backup) {
    return Optional.ofNullable(Placement.ofLifecycle(backup.getRepository()));
  }

  /**
   * Deletes a removed point's manifest and hands its VM configuration file over to the point merged
   * into its images ({@link PointFiles#handOver}); false if there was no manifest.
   *
   * @param fileNames the removed point's image files
   * @param heirFiles the image files, before the merge, of the point merged into them (empty if
   *     none)
   */
  public boolean delete(Backup backup, List<String> fileNames, List<String> heirFiles)
      throws IOException {
    if (fileNames.isEmpty()) {
      return false;
    }
    Optional<Node> node = onNode(backup);
    if (node.isPresent()) {
      onNode.fire(
          new NodeLifecycleWork.Files(
              node.get().getId(),
              backup.getRepository().getId(),
              ManifestFile.delete(
                  folderOf(fileNames.get(0)), pointName(backup), fileNames, heirFiles)));
      return true;
    }
    try (ImageStore store = open(backup)) {
      PointFiles.handOver(store, fileNames, heirFiles);
      return PointManifests.delete(store, folderOf(fileNames.get(0)), pointName(backup));
    }
  }

  /** Opens the files of a point's repository; the caller closes the store. */
  ImageStore open(Backup backup) {
    try {
      return open(backup.getRepository().getId());
    } catch (RepositoryUnreachable e) {
      throw e;
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "The files of restore point " + backup.getId() + " cannot be reached: " + e.getMessage(),
          e);
    }
  }

  /**
   * Opens a repository's files for merges, verification, manifests and rescans; the caller closes
   * the store.
   *
   * @throws IllegalStateException saying what to fix when the repository cannot be used
   */
  public ImageStore open(long repositoryId) {
    requireReachable(repositoryId);
    return repositories.openStore(repositoryId);
  }

  /**
   * Refuses a repository placed on a node: the hub never opens it (its lifecycle work runs on the
   * node, {@link Placement#ofLifecycle}).
   *
   * @throws RepositoryUnreachable saying which node reaches it
   */
  public void requireReachable(long repositoryId) {
    Repository repository = repositoryStore.byId(repositoryId).orElse(null);
    Optional<String> why = Placement.unreachableFromHub(repository);
    if (why.isPresent()) {
      throw new RepositoryUnreachable(
          why.get(), repository.getNode().getId(), repository.getNode().getName());
    }
  }

  /** The facts recorded for an image, or null when none were (points older than hashing). */
  public static ImageFacts facts(BackupDisk d) {
    if (d.getFileSizeBytes() == null || d.getClusterSize() == null) {
      return null;
    }
    return new ImageFacts(
        d.getFileSizeBytes(),
        d.getSha256(),
        d.getCapacityBytes(),
        d.getClusterSize(),
        d.getBackingName(),
        d.getDataBytes() == null ? 0 : d.getDataBytes());
  }

  /**
   * Records what was measured of an image on its catalog row. Facts without a SHA-256 record no
   * hash time; the caller marks the image hash pending if its hash is to follow.
   */
  public static void record(BackupDisk d, ImageFacts facts, java.time.Instant at) {
    d.setFileSizeBytes(facts.fileSize());
    d.setSha256(facts.sha256());
    d.setClusterSize(facts.clusterSize());
    d.setBackingName(facts.backingFile());
    d.setDataBytes(facts.allocatedBytes());
    d.setHashedAt(facts.sha256() == null ? null : at);
    d.setHashPending(false);
  }

  private static PointManifest.Vm vm(Vm vm) {
    Source s = vm.getSource();
    return new PointManifest.Vm(
        vm.getName(),
        vm.getMoref(),
        vm.getInstanceUuid(),
        s.getName(),
        s.getHost(),
        s.getPort(),
        s.getPluginId(),
        vm.getId());
  }

  /** The folder of an image name ({@code vm-5/x.qcow2} is in {@code vm-5}). */
  static String folderOf(String fileName) {
    int slash = fileName.lastIndexOf('/');
    return slash < 0 ? "" : fileName.substring(0, slash);
  }

  private static String relative(String folder, String fileName) {
    if (!folder.equals(folderOf(fileName))) {
      throw new IllegalStateException(
          "Image " + fileName + " is not in the point's folder " + folder);
    }
    return folder.isEmpty() ? fileName : fileName.substring(folder.length() + 1);
  }
}
