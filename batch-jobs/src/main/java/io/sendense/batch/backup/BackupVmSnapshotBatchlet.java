package io.sendense.batch.backup;

import io.sendense.batch.port.BackupPhase;
import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.CatalogPort;
import io.sendense.batch.port.RepositoryPort;
import io.sendense.batch.port.SourcePort;
import io.sendense.plugin.api.source.Snapshot;
import io.sendense.plugin.api.source.SourceSession;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Step {@code snapshot}: opens the repository, takes the source session (its login started with the
 * execution, beside the prepare step: {@link BackupRun#openSessionInBackground}) and takes the
 * execution's one snapshot of all disks. The snapshot's VM configuration is recorded meanwhile on a
 * thread of its own (finalize waits for it), so the transfer starts at once. Runs in every
 * execution, restarts included ({@code allow-start-if-complete}), because a failed execution
 * removed its snapshot.
 */
@Dependent
@Named
public class BackupVmSnapshotBatchlet extends AbstractBatchlet {
  @Inject JobContext jobContext;
  @Inject BackupRuns runs;
  @Inject CatalogPort catalog;
  @Inject SourcePort sources;
  @Inject RepositoryPort repositories;

  @Inject
  @BatchProperty(name = "quiesce")
  String quiesce;

  @Override
  public String process() throws Exception {
    BackupRun run = runs.get(jobContext.getExecutionId());
    run.progress().phase(BackupPhase.SNAPSHOT);
    try {
      BackupRecord backup = run.backup(catalog);
      run.storeOpened(repositories.open(backup.repositoryId()));
      SourceSession session = run.openSession(sources, backup.vmId());
      run.sessionOpened(session);
      run.progress().mark("session opened");
      Snapshot snapshot =
          new SnapshotTaker(session, run.progress()::mark)
              .take(backup, jobContext.getExecutionId(), Boolean.parseBoolean(quiesce));
      run.snapshotTaken(snapshot);
      run.recordConfigInBackground(new VmConfigRecorder(catalog), backup, snapshot);
      return "SNAPSHOT_TAKEN";
    } catch (Exception e) {
      run.noteFailure("snapshot", e);
      throw e;
    }
  }
}
