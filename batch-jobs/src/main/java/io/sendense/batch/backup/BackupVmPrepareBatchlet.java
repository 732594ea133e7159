package io.sendense.batch.backup;

import io.sendense.batch.port.BackupPhase;
import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.BackupType;
import io.sendense.batch.port.CatalogPort;
import io.sendense.batch.port.NewBackup;
import io.sendense.batch.port.RepositoryPort;
import io.sendense.image.store.ImageStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Step {@code prepare}: resolves the VM's disks and their parents (whose images must still be in
 * the repository) and records the backup. Runs once per job instance; a restart finds the record
 * through the catalog. With the job parameter {@code resumeBackupId} it records nothing new: it
 * takes over that backup, which an earlier job instance left unfinished (the host resumes a job
 * after a crash this way), and the transfer continues from each disk's committed offset.
 */
@Dependent
@Named
public class BackupVmPrepareBatchlet extends AbstractBatchlet {
  private static final Logger LOG = Logger.getLogger(BackupVmPrepareBatchlet.class.getName());

  @Inject JobContext jobContext;
  @Inject BackupRuns runs;
  @Inject CatalogPort catalog;
  @Inject RepositoryPort repositories;

  @Inject
  @BatchProperty(name = "vmId")
  String vmId;

  @Inject
  @BatchProperty(name = "repositoryId")
  String repositoryId;

  @Inject
  @BatchProperty(name = "backupType")
  String backupType;

  @Inject
  @BatchProperty(name = "resumeBackupId")
  String resumeBackupId;

  @Override
  public String process() {
    BackupRun run = runs.get(jobContext.getExecutionId());
    run.progress().phase(BackupPhase.PREPARE);
    try {
      BackupRecord backup =
          resumeBackupId == null || resumeBackupId.isBlank()
              ? catalog.createBackup(
                  plan(repositories.open(required("repositoryId", repositoryId))))
              : resume();
      run.backup(backup);
      return resumeBackupId == null || resumeBackupId.isBlank() ? "PREPARED" : "RESUMED";
    } catch (RuntimeException e) {
      run.noteFailure("prepare", e);
      throw e;
    }
  }

  /** Plans against the repository's files (a parent whose image is gone gives a full). */
  private NewBackup plan(ImageStore store) {
    try {
      return new BackupPlanner(catalog, p -> exists(store, p.fileName()))
          .plan(
              required("vmId", vmId),
              required("repositoryId", repositoryId),
              BackupType.parse(backupType),
              jobContext.getInstanceId(),
              jobContext.getExecutionId(),
              Instant.now());
    } finally {
      try {
        store.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "closing the repository after planning", e);
      }
    }
  }

  private static boolean exists(ImageStore store, String name) {
    try {
      return store.isFile(name);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot check for parent image " + name + " in the repository: " + e.getMessage(), e);
    }
  }

  private BackupRecord resume() {
    long id;
    try {
      id = Long.parseLong(resumeBackupId.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Job parameter resumeBackupId must be a backup id, not '" + resumeBackupId + "'");
    }
    BackupRecord backup =
        catalog.resumeBackup(id, jobContext.getInstanceId(), jobContext.getExecutionId());
    if (!backup.vmId().equals(required("vmId", vmId))
        || !backup.repositoryId().equals(repositoryId)) {
      throw new IllegalArgumentException(
          "Backup "
              + id
              + " is of VM "
              + backup.vmId()
              + " into repository "
              + backup.repositoryId()
              + ", not of VM "
              + vmId
              + " into "
              + repositoryId);
    }
    return backup;
  }

  private static String required(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Job parameter " + name + " is required");
    }
    return value;
  }
}
