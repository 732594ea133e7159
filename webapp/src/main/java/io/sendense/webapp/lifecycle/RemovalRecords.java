package io.sendense.webapp.lifecycle;

import io.sendense.batch.point.PointFiles;
import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.flow.FlowStore;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.lifecycle.ChainMerge;
import io.sendense.persistence.lifecycle.LifecycleStore;
import io.sendense.persistence.lifecycle.MergeState;
import io.sendense.persistence.lifecycle.RetentionAction;
import io.sendense.persistence.lifecycle.RetentionEvent;
import io.sendense.persistence.restore.RestoreJobStore;
import io.sendense.webapp.audit.AuditService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The end of a removal in the catalog: the point's row goes, its journal rows are DONE, and the
 * deletion is written to the audit log and (for retention) to the flow's history; also the lines
 * retention writes for points it could not delete yet.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class RemovalRecords {
  private static final Logger LOG = Logger.getLogger(RemovalRecords.class.getName());

  @Inject BackupStore backups;
  @Inject LifecycleStore lifecycle;
  @Inject FlowStore flows;
  @Inject ManifestService manifests;
  @Inject RestoreJobStore restores;
  @Inject AuditService audit;
  @Inject Clock clock;
  @Inject Event<PointsChanged> changed;

  /** What a finished removal was, for the caller's log. */
  public record Removed(long backupId, String vmName, long bytesMoved) {}

  /**
   * Deletes a DELETING point whose disks are all switched: its manifest, then its row; marks its
   * journal rows DONE and records the deletion.
   */
  public Optional<Removed> finish(long backupId) {
    Backup b = backups.byId(backupId).orElse(null);
    List<ChainMerge> rows = lifecycle.mergesOf(backupId);
    if (b != null && b.getStatus() != BackupStatus.DELETING) {
      return Optional.empty();
    }
    long moved =
        rows.stream().mapToLong(r -> r.getBytesMoved() == null ? 0 : r.getBytesMoved()).sum();
    ChainMerge first = rows.get(0);
    String vmName = "?";
    if (b != null) {
      vmName = b.getVm().getName();
      deleteManifest(b, rows);
      record(
          first.getFlowId(),
          b,
          RetentionAction.DELETED,
          describe(rows, moved),
          "RETENTION".equals(first.getReason()));
      audit.record(
          first.getRequestedBy() == null ? "system" : first.getRequestedBy(),
          "backup.delete",
          "backup " + backupId + " of " + vmName,
          AuditService.SUCCESS,
          null,
          first.getReason() + ": " + describe(rows, moved));
      backups.delete(b);
      changed.fire(new PointsChanged());
    }
    rows.forEach(r -> r.setState(MergeState.DONE));
    return Optional.of(new Removed(backupId, vmName, moved));
  }

  /**
   * Deletes the manifest of a removed point; the configuration file next to its images becomes the
   * one of the point merged into them, in the repository and in the catalog.
   */
  private void deleteManifest(Backup b, List<ChainMerge> rows) {
    List<String> removed = rows.stream().map(ChainMerge::getDoomedFile).toList();
    List<String> heir = rows.stream().map(ChainMerge::getChildFile).filter(f -> f != null).toList();
    try {
      manifests.delete(b, removed, heir);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Manifest of deleted point " + b.getId() + " kept", e);
      return;
    }
    rows.stream()
        .map(ChainMerge::getChildBackupId)
        .filter(id -> id != null)
        .findFirst()
        .flatMap(restores::configOf)
        .ifPresent(c -> c.movedTo(PointFiles.configFile(removed)));
  }

  private static String describe(List<ChainMerge> rows, long moved) {
    long merged = rows.stream().filter(r -> r.getChildFile() != null).count();
    if (merged == 0) {
      return "deleted " + rows.size() + " image(s); no point was built on it";
    }
    return "merged "
        + merged
        + " image(s) into the next point ("
        + moved
        + " bytes moved), deleted "
        + rows.size()
        + " image(s)";
  }

  /** Rewrites the manifests of points whose files a merge changed. */
  public void rewriteManifests(List<Long> backupIds) throws IOException {
    for (long id : backupIds) {
      Backup b = backups.byId(id).orElse(null);
      if (b != null && b.getStatus() == BackupStatus.COMPLETE) {
        manifests.write(b);
      }
    }
  }

  /** A line of the flow's retention history (and, for DEFERRED and FAILED, nothing else). */
  public void note(Long flowId, long backupId, RetentionAction action, String detail) {
    backups.byId(backupId).ifPresent(b -> record(flowId, b, action, detail, true));
  }

  private void record(
      Long flowId, Backup b, RetentionAction action, String detail, boolean retention) {
    if (!retention || flowId == null) {
      return;
    }
    ProtectionFlow flow = flows.byId(flowId).orElse(null);
    lifecycle.record(
        new RetentionEvent(
            flow == null ? null : flowId,
            flow == null ? null : flow.getName(),
            b.getVm().getId(),
            b.getVm().getName(),
            b.getId(),
            b.getStartedAt(),
            action,
            b.getCopyOfBackupId() == null ? detail : copy(b) + detail,
            clock.instant()));
  }

  /** Says that a history line is about a copy (a flow's history shows its points' copies too). */
  private static String copy(Backup b) {
    return "copy of point " + b.getCopyOfBackupId() + " in '" + b.getRepository().getName() + "': ";
  }
}
