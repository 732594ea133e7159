package io.sendense.webapp.lifecycle;

import io.sendense.image.qcow2.ImageFacts;
import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupDisk;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.lifecycle.ChainMerge;
import io.sendense.persistence.lifecycle.LifecycleStore;
import io.sendense.persistence.lifecycle.MergeKind;
import io.sendense.persistence.lifecycle.MergeState;
import io.sendense.webapp.common.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog side of taking restore points out of their chains: each call is its own transaction
 * and moves one journal row one step, so the journal always says how far the files are.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class MergeJournal {
  @Inject Clock clock;
  @Inject BackupStore backups;
  @Inject LifecycleStore lifecycle;
  @Inject RemovalObstacles obstacles;

  /** A journal row as the file steps need it. */
  public record Step(
      long id,
      long backupId,
      long vmId,
      long repositoryId,
      MergeKind kind,
      MergeState state,
      String doomedFile,
      String childFile,
      Long childBackupId,
      List<String> repointFiles) {

    /** The row as the file steps take it, with the recorded facts of the images it reads. */
    public io.sendense.batch.lifecycle.RemovalStep files(Map<String, ImageFacts> expected) {
      return new io.sendense.batch.lifecycle.RemovalStep(
          id,
          backupId,
          io.sendense.batch.lifecycle.RemovalStep.Kind.valueOf(kind.name()),
          io.sendense.batch.lifecycle.RemovalStep.State.valueOf(state.name()),
          doomedFile,
          childFile,
          childBackupId,
          repointFiles,
          expected);
    }
  }

  /** The VM and repository whose chains a point is in: {vmId, repositoryId}. */
  public long[] chainOf(long backupId) {
    Backup b = backups.byId(backupId).orElseThrow(() -> new Refusal(404, "No backup " + backupId));
    return new long[] {b.getVm().getId(), b.getRepository().getId()};
  }

  /**
   * Records how each disk image of a COMPLETE point leaves its chain and marks the point DELETING.
   * A point already DELETING gets its open journal rows back (to finish them).
   *
   * @throws Refusal if the point cannot be taken out now, saying why
   */
  public List<Step> plan(long backupId, String reason, String requestedBy, Long flowId) {
    Backup b =
        backups
            .lockedById(backupId)
            .orElseThrow(() -> new Refusal(404, "No backup with id " + backupId));
    if (b.getStatus() == BackupStatus.DELETING) {
      return lifecycle.mergesOf(backupId).stream()
          .filter(m -> !m.getState().ended())
          .map(MergeJournal::step)
          .toList();
    }
    if (b.getStatus() != BackupStatus.COMPLETE) {
      throw new Refusal(409, "Backup " + backupId + " is " + b.getStatus() + ", not COMPLETE");
    }
    obstacles
        .obstacle(backupId)
        .ifPresent(
            why -> {
              throw new Refusal(409, "Backup " + backupId + " cannot be deleted now: " + why);
            });
    List<ChainMerge> rows = new ArrayList<>();
    for (BackupDisk d : backups.disksOf(b)) {
      rows.add(row(b, d, reason, requestedBy, flowId));
    }
    rows.forEach(lifecycle::save);
    b.setStatus(BackupStatus.DELETING);
    return rows.stream().map(MergeJournal::step).toList();
  }

  private ChainMerge row(Backup b, BackupDisk d, String reason, String requestedBy, Long flowId) {
    List<BackupDisk> children =
        backups.childrenOf(d).stream()
            .filter(c -> c.getBackup().getStatus() == BackupStatus.COMPLETE)
            .toList();
    if (children.size() > 1) {
      throw new Refusal(
          409,
          "Disk "
              + d.getDiskIndex()
              + " of backup "
              + b.getId()
              + " has "
              + children.size()
              + " points built on it; only a point with one can be merged");
    }
    ChainMerge m = new ChainMerge();
    m.setRepositoryId(b.getRepository().getId());
    m.setVmId(b.getVm().getId());
    m.setBackupId(b.getId());
    m.setDiskIndex(d.getDiskIndex());
    m.setDoomedFile(d.getFileName());
    m.setReason(reason);
    m.setRequestedBy(requestedBy);
    m.setFlowId(flowId);
    m.setState(MergeState.PLANNED);
    if (children.isEmpty()) {
      m.setKind(MergeKind.DROP);
      m.setRepointFiles(List.of());
      return m;
    }
    BackupDisk child = children.get(0);
    for (Backup x : List.of(b, child.getBackup())) {
      if (x.getVerificationStatus() != null && !x.getVerificationStatus().usable()) {
        throw new Refusal(
            409,
            "Point "
                + x.getId()
                + " was found "
                + x.getVerificationStatus()
                + " by verification; merging it would carry the damage into the next point."
                + " Delete the damaged points from the newest down instead");
      }
    }
    if (d.getClusterSize() != null
        && child.getClusterSize() != null
        && !d.getClusterSize().equals(child.getClusterSize())) {
      throw new Refusal(
          409,
          "Disk "
              + d.getDiskIndex()
              + " of backup "
              + b.getId()
              + " has another cluster size than the point built on it; they cannot be merged");
    }
    m.setKind(MergeKind.COMMIT);
    m.setChildBackupId(child.getBackup().getId());
    m.setChildFile(child.getFileName());
    m.setRepointFiles(
        backups.childrenOf(child).stream()
            .filter(g -> g.getBackup().getStatus() == BackupStatus.COMPLETE)
            .map(BackupDisk::getFileName)
            .toList());
    return m;
  }

  /** Moves a row to {@code state} and clears its error. */
  public void advance(long mergeId, MergeState state) {
    ChainMerge m = merge(mergeId);
    m.setState(state);
    m.setDetail(null);
  }

  /** Notes what a commit moved. */
  public void moved(long mergeId, long bytes, long millis) {
    ChainMerge m = merge(mergeId);
    m.setBytesMoved(bytes);
    m.setDurationMs(millis);
    m.setState(MergeState.WRITTEN);
    m.setDetail(null);
  }

  /** Notes something about a row (the test hook's pause), keeping its state. */
  public void note(long mergeId, String text) {
    merge(mergeId).setDetail(text);
  }

  /** Notes an error; the state stays, so the next attempt rolls the step forward. */
  public void failed(long mergeId, String error) {
    merge(mergeId).setDetail("Failed at " + merge(mergeId).getState() + ": " + error);
  }

  /**
   * Switches the catalog: the child's point now reads from the doomed image's file (which holds its
   * state after a commit), built on what the doomed image was built on; points left built on the
   * doomed image (failed, abandoned backups) are detached; the doomed image's row goes.
   */
  public void switchCatalog(long mergeId) {
    ChainMerge m = merge(mergeId);
    if (m.getState() == MergeState.SWITCHED) {
      return;
    }
    Backup doomed = backups.byId(m.getBackupId()).orElseThrow();
    BackupDisk disk = diskOf(doomed, m.getDiskIndex()).orElse(null);
    if (disk != null) {
      for (BackupDisk child : backups.childrenOf(disk)) {
        if (m.getKind() == MergeKind.COMMIT && child.getFileName().equals(m.getChildFile())) {
          child.setFileName(m.getDoomedFile());
          child.setParent(disk.getParent());
          child.setSha256(null);
          child.setHashedAt(null);
        } else {
          child.setParent(null);
        }
      }
      backups.removeDisk(disk);
    }
    m.setState(MergeState.SWITCHED);
    m.setDetail(null);
  }

  /** The facts recorded for an image of a repository, or empty when none were. */
  public Optional<ImageFacts> expected(long repositoryId, String fileName) {
    return backups.diskByFile(repositoryId, fileName).map(ManifestService::facts);
  }

  /** Records the measured facts of an image after a merge changed it. */
  public void facts(long repositoryId, String fileName, ImageFacts facts) {
    backups
        .diskByFile(repositoryId, fileName)
        .ifPresent(d -> ManifestService.record(d, facts, clock.instant()));
  }

  /**
   * Whether every disk of a DELETING point is switched (then its row may go): the points whose
   * manifests need rewriting, or empty if not yet.
   */
  public Optional<List<Long>> switched(long backupId) {
    List<ChainMerge> rows = lifecycle.mergesOf(backupId);
    boolean all =
        !rows.isEmpty()
            && rows.stream()
                .allMatch(
                    r -> r.getState() == MergeState.SWITCHED || r.getState() == MergeState.DONE);
    if (!all) {
      return Optional.empty();
    }
    List<Long> touched = new ArrayList<>();
    for (ChainMerge r : rows) {
      if (r.getChildBackupId() != null && !touched.contains(r.getChildBackupId())) {
        touched.add(r.getChildBackupId());
      }
      for (String f : r.getRepointFiles()) {
        backups
            .diskByFile(r.getRepositoryId(), f)
            .map(d -> d.getBackup().getId())
            .filter(id -> !touched.contains(id))
            .ifPresent(touched::add);
      }
    }
    return Optional.of(touched);
  }

  /** Rolls a row back that never touched a file; the point is COMPLETE again if none did. */
  public void rollBack(long mergeId, String why) {
    ChainMerge m = merge(mergeId);
    m.setState(MergeState.ROLLED_BACK);
    m.setDetail(why);
    boolean untouched =
        lifecycle.mergesOf(m.getBackupId()).stream()
            .allMatch(r -> r.getState() == MergeState.ROLLED_BACK);
    Backup b = backups.lockedById(m.getBackupId()).orElse(null);
    if (untouched && b != null && b.getStatus() == BackupStatus.DELETING) {
      b.setStatus(BackupStatus.COMPLETE);
    }
  }

  public List<Step> unfinished() {
    return lifecycle.unfinished().stream().map(MergeJournal::step).toList();
  }

  public Step step(long mergeId) {
    return step(merge(mergeId));
  }

  private Optional<BackupDisk> diskOf(Backup b, int index) {
    return backups.disksOf(b).stream().filter(d -> d.getDiskIndex() == index).findFirst();
  }

  private ChainMerge merge(long id) {
    return lifecycle
        .merge(id)
        .orElseThrow(() -> new IllegalStateException("No merge journal row " + id));
  }

  static Step step(ChainMerge m) {
    return new Step(
        m.getId(),
        m.getBackupId(),
        m.getVmId() == null ? 0 : m.getVmId(),
        m.getRepositoryId(),
        m.getKind(),
        m.getState(),
        m.getDoomedFile(),
        m.getChildFile(),
        m.getChildBackupId(),
        m.getRepointFiles());
  }
}
