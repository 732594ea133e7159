package io.sendense.persistence.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.backup.BackupType;
import io.sendense.persistence.node.Node;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.Source;
import io.sendense.persistence.source.Vm;
import io.sendense.persistence.testing.Catalog;
import io.sendense.persistence.testing.Fixtures;
import io.sendense.persistence.testing.MariaDbExtension;
import io.sendense.persistence.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MariaDbExtension.class)
class RestoreJobStoreIT {
  private Catalog catalog;
  private long backupId;
  private long vmId;
  private long sourceId;

  @BeforeEach
  void setUp(TestDatabase db) {
    catalog = new Catalog(db.newSchema());
    catalog.run(
        em -> {
          Source source = Fixtures.source(em, "vc1");
          Vm vm = Fixtures.vm(em, source, "vm-42", "web01");
          Repository repo = Fixtures.repository(em, "local", "local");
          Backup b = new Backup();
          b.setVm(vm);
          b.setRepository(repo);
          b.setBackupType(BackupType.FULL);
          b.setStatus(BackupStatus.COMPLETE);
          em.persist(b);
          em.flush();
          backupId = b.getId();
          vmId = vm.getId();
          sourceId = source.getId();
        });
  }

  @AfterEach
  void tearDown() {
    catalog.close();
  }

  private long restore() {
    return catalog.inTx(
        em -> {
          RestoreJob job = new RestoreJob();
          job.setBackupId(backupId);
          job.setVmId(vmId);
          job.setSourceId(sourceId);
          job.setVmName("web01");
          job.setTargetName("web01-restored");
          job.setPlacementJson("{}");
          job.getDisks().add(new RestoreJobDisk(2000, 0, "Hard disk 1", 1L << 30));
          job.getDisks().add(new RestoreJobDisk(2001, 1, "Hard disk 2", 2L << 30));
          return new RestoreJobStore(em).save(job).getId();
        });
  }

  @Test
  void disksProgressAndCancellationAreKeptWithoutVersionConflicts() {
    long id = restore();
    long version = catalog.inTx(em -> new RestoreJobStore(em).byId(id).orElseThrow().getVersion());
    catalog.run(
        em -> new RestoreJobStore(em).progress(id, RestoreJobPhase.UPLOAD, 0, 3L << 30, 0, null));
    catalog.run(em -> assertNull(new RestoreJobStore(em).byId(id).orElseThrow().getFirstByteAt()));
    catalog.run(
        em -> new RestoreJobStore(em).progress(id, RestoreJobPhase.UPLOAD, 4096, 3L << 30, 10, 5L));
    catalog.run(em -> new RestoreJobStore(em).requestCancel(id));
    catalog.run(
        em -> {
          RestoreJobStore store = new RestoreJobStore(em);
          RestoreJob job = store.byId(id).orElseThrow();
          assertEquals(version, job.getVersion(), "progress does not bump the version");
          assertEquals(4096, job.getBytesDone());
          assertEquals(RestoreJobPhase.UPLOAD, job.getPhase(), "the phase as the job reported it");
          assertTrue(job.getFirstByteAt() != null);
          assertTrue(store.cancelRequested(id));
          job.disk(2001).uploaded(2L << 30, 1234);
          job.setCreatedVm("vm-77", "{\"vmId\":\"vm-77\"}");
        });
    catalog.run(
        em -> {
          RestoreJob job = new RestoreJobStore(em).byId(id).orElseThrow();
          assertEquals(
              List.of(2000, 2001), job.getDisks().stream().map(d -> d.getDiskKey()).toList());
          assertFalse(job.disk(2000).isUploaded());
          assertTrue(job.disk(2001).isUploaded());
          assertEquals(1234L, job.disk(2001).getDurationMs());
          assertEquals("vm-77", job.getCreatedVmId());
        });
  }

  @Test
  void searchFindsRestoresByEitherNameAndStatus() {
    long id = restore();
    catalog.run(
        em -> {
          RestoreJobStore store = new RestoreJobStore(em);
          assertEquals(
              List.of(id),
              store
                  .search(new RestoreJobStore.Filter(null, "RESTORED", null, null, null, 0))
                  .stream()
                  .map(RestoreJob::getId)
                  .toList());
          assertEquals(
              1, store.search(new RestoreJobStore.Filter(null, "web", vmId, null, null, 0)).size());
          assertTrue(
              store
                  .search(
                      new RestoreJobStore.Filter(
                          RestoreJobStatus.COMPLETED, null, null, null, null, 0))
                  .isEmpty());
          assertEquals(1, store.inStatus(List.of(RestoreJobStatus.QUEUED)).size());
        });
  }

  @Test
  void aNodesRunningRestoresAreFoundByItsIdOnly() {
    long queued = restore();
    long running = restore();
    long elsewhere = restore();
    long onHub = restore();
    long nodeId =
        catalog.inTx(
            em -> {
              Node a = node(em, "node-a");
              Node b = node(em, "node-b");
              RestoreJobStore store = new RestoreJobStore(em);
              for (long id : List.of(queued, running, elsewhere, onHub)) {
                RestoreJob job = store.byId(id).orElseThrow();
                job.setNode(id == elsewhere ? b : id == onHub ? null : a);
                job.setStatus(id == queued ? RestoreJobStatus.QUEUED : RestoreJobStatus.RUNNING);
              }
              em.flush();
              return a.getId();
            });
    catalog.run(
        em -> {
          RestoreJobStore store = new RestoreJobStore(em);
          assertEquals(
              List.of(running),
              store.onNode(nodeId, List.of(RestoreJobStatus.RUNNING)).stream()
                  .map(RestoreJob::getId)
                  .toList());
          assertEquals(
              List.of(queued, running),
              store
                  .onNode(nodeId, List.of(RestoreJobStatus.QUEUED, RestoreJobStatus.RUNNING))
                  .stream()
                  .map(RestoreJob::getId)
                  .toList());
        });
  }

  private static Node node(EntityManager em, String name) {
    Node node = new Node();
    node.setName(name);
    em.persist(node);
    return node;
  }

  @Test
  void aRecordedConfigurationIsReplacedAndGoesWithItsBackupWhileRestoreHistoryStays() {
    long id = restore();
    catalog.run(
        em ->
            new RestoreJobStore(em)
                .saveConfig(new BackupVmConfig(backupId))
                .record("{\"v\":1}", "vm-1/a.vm.json", 2, 2048, 1L << 30, "BIOS", "otherGuest"));
    catalog.run(
        em -> {
          BackupVmConfig c = new RestoreJobStore(em).configOf(backupId).orElseThrow();
          c.record("{\"v\":2}", "vm-1/a.vm.json", 4, 4096, 1L << 30, "EFI", "otherGuest");
        });
    catalog.run(
        em -> {
          BackupVmConfig c = new RestoreJobStore(em).configOf(backupId).orElseThrow();
          assertEquals("{\"v\":2}", c.getConfigJson());
          assertEquals(4, c.getCpus());
          em.remove(em.find(Backup.class, backupId));
        });
    catalog.run(
        em -> {
          RestoreJobStore store = new RestoreJobStore(em);
          assertTrue(store.configOf(backupId).isEmpty(), "the configuration went with the point");
          RestoreJob job = store.byId(id).orElseThrow();
          assertNull(job.getBackupId(), "the restore's history stays without its point");
          assertEquals("web01", job.getVmName());
        });
  }
}
