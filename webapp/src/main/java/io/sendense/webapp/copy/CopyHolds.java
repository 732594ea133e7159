package io.sendense.webapp.copy;

import io.sendense.persistence.backup.BackupJob;
import io.sendense.persistence.backup.CopyStore;
import io.sendense.webapp.lifecycle.BackupHolds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * A point a copy job is queued or running for is not deleted or merged meanwhile (nor are the
 * points it is built on: removals ask about every point built on the one they remove).
 */
@ApplicationScoped
public class CopyHolds implements BackupHolds {
  @Inject CopyStore queries;

  @Override
  @Transactional
  public Optional<String> holdOn(long backupId) {
    List<BackupJob> jobs = queries.activeCopyJobsOf(backupId);
    return jobs.stream()
        .findFirst()
        .map(
            j ->
                "copy job "
                    + j.getId()
                    + " into '"
                    + j.getRepository().getName()
                    + "' is "
                    + j.getStatus().name().toLowerCase(java.util.Locale.ROOT)
                    + " for it");
  }
}
