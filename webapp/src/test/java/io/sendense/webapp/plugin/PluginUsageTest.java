package io.sendense.webapp.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupJob;
import io.sendense.persistence.backup.JobKind;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.Source;
import io.sendense.persistence.source.Vm;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which running jobs hold a plugin's types: a copy reads one repository and writes another. */
class PluginUsageTest {
  private static final long SOURCE_POINT = 41;

  /** A point in an NFS repository, copied by the job below into an SMB one. */
  private static final Map<Long, Backup> POINTS = Map.of(SOURCE_POINT, point("nfs"));

  private static Repository repository(String type) {
    Repository r = new Repository();
    r.setType(type);
    return r;
  }

  private static Backup point(String repositoryType) {
    Backup b = new Backup();
    b.setRepository(repository(repositoryType));
    return b;
  }

  private static BackupJob job(JobKind kind, String repositoryType, String vm) {
    Source source = new Source();
    source.setPluginId("vmware");
    Vm context = new Vm();
    context.setSource(source);
    context.setName(vm);
    BackupJob job = new BackupJob();
    job.setJobKind(kind);
    job.setVm(context);
    job.setRepository(repository(repositoryType));
    if (kind == JobKind.COPY) {
      job.setCopySourceBackupId(SOURCE_POINT);
    }
    return job;
  }

  private static List<String> users(String... typeIds) {
    return PluginUsage.jobUsers(
        List.of(job(JobKind.BACKUP, "local", "web01"), job(JobKind.COPY, "cifs", "db01")),
        Set.of(typeIds),
        id -> Optional.ofNullable(POINTS.get(id)));
  }

  @Test
  void aCopyJobHoldsTheRepositoryTypeItReadsFrom() {
    assertEquals(List.of("copy job null of VM db01"), users("nfs"));
  }

  @Test
  void aCopyJobHoldsTheRepositoryTypeItWritesTo() {
    assertEquals(List.of("copy job null of VM db01"), users("cifs"));
  }

  @Test
  void aBackupJobHoldsItsSourceAndRepositoryTypesAndACopyNeitherSource() {
    assertEquals(List.of("backup job null of VM web01"), users("vmware"));
    assertEquals(List.of("backup job null of VM web01"), users("local"));
    assertEquals(List.of(), users("other"));
  }
}
