package io.sendense.persistence.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.persistence.common.Keyset;
import io.sendense.persistence.flow.ExecutionStatus;
import io.sendense.persistence.flow.FlowExecution;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.flow.TriggerKind;
import io.sendense.persistence.node.Node;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.repository.RepositoryStatus;
import io.sendense.persistence.source.Source;
import io.sendense.persistence.source.Vm;
import io.sendense.persistence.testing.Catalog;
import io.sendense.persistence.testing.Fixtures;
import io.sendense.persistence.testing.MariaDbExtension;
import io.sendense.persistence.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The job console's queries on MariaDB: a job's batch executions across job instances (a resumed
 * job runs as a new instance), the filters and paging, and which older jobs a completed backup
 * supersedes.
 */
@ExtendWith(MariaDbExtension.class)
class BackupJobStoreIT {
  private Catalog catalog;
  private long jobId;

  @BeforeEach
  void setUp(TestDatabase db) {
    catalog = new Catalog(db.newSchema());
    jobId =
        catalog.inTx(
            em -> {
              Source source = Fixtures.source(em, "vc1");
              Vm vm = Fixtures.vm(em, source, "vm-7", "db01");
              Repository repo = Fixtures.repository(em, "local", "local");
              BackupJob job = new BackupJob();
              job.setVm(vm);
              job.setRepository(repo);
              job.setRequestedType("auto");
              em.persist(job);
              em.flush();
              return job.getId();
            });
  }

  @AfterEach
  void tearDown() {
    catalog.close();
  }

  @Test
  void typedPhaseAndRepositoryStatusKeepTheirColumnValues() {
    catalog.run(
        em -> {
          BackupJob job = em.find(BackupJob.class, jobId);
          job.setJobExecutionId(301L);
          job.getRepository().setStatus(RepositoryStatus.ERROR);
        });
    catalog.run(
        em -> new BackupJobStore(em).progress(301L, BackupJobPhase.TRANSFER, 5, 10, 1, null));
    assertEquals(
        List.of("TRANSFER", "ERROR"),
        catalog.inTx(
            em ->
                List.of(
                    (String)
                        em.createNativeQuery("SELECT phase FROM backup_jobs WHERE id = ?")
                            .setParameter(1, jobId)
                            .getSingleResult(),
                    (String)
                        em.createNativeQuery(
                                "SELECT r.status FROM repositories r JOIN backup_jobs j"
                                    + " ON j.repository_id = r.id WHERE j.id = ?")
                            .setParameter(1, jobId)
                            .getSingleResult())));
    catalog.run(
        em ->
            em.createNativeQuery("UPDATE backup_jobs SET phase = 'FINALIZE' WHERE id = ?")
                .setParameter(1, jobId)
                .executeUpdate());
    assertEquals(
        BackupJobPhase.FINALIZE, catalog.inTx(em -> em.find(BackupJob.class, jobId).getPhase()));
    assertEquals(RepositoryStatus.UNKNOWN, new Repository().getStatus());
  }

  /**
   * A node's contact and the telemetry's progress arrive while the hub changes the same job (links
   * its backup, ends it): those writes must not fail because a report came in between their read
   * and their commit (NodeIT saw an OptimisticLockException in the node's prepare step).
   */
  @Test
  void contactAndProgressLeaveTheVersionSoAConcurrentChangeOfTheJobCommits() {
    catalog.run(em -> em.find(BackupJob.class, jobId).setJobExecutionId(302L));
    long before = catalog.inTx(em -> em.find(BackupJob.class, jobId).getVersion());
    Instant contact = Instant.parse("2026-07-01T10:00:00Z");
    catalog.run(
        em -> {
          BackupJob job = em.find(BackupJob.class, jobId);
          catalog.run(
              other -> {
                BackupJobStore reports = new BackupJobStore(other);
                reports.nodeContact(jobId, contact);
                reports.progress(302L, BackupJobPhase.TRANSFER, 7, 10, 3, 1L);
                reports.resetProgress(jobId);
                reports.progress(302L, BackupJobPhase.TRANSFER, 8, 10, 3, 1L);
              });
          job.setErrorMessage("changed by the hub meanwhile");
        });
    catalog.run(
        em -> {
          BackupJob job = em.find(BackupJob.class, jobId);
          assertEquals("changed by the hub meanwhile", job.getErrorMessage());
          assertEquals(contact, job.getNodeContactAt());
          assertEquals(8, job.getBytesDone());
          assertEquals(BackupJobPhase.TRANSFER, job.getPhase());
          assertEquals(before + 1, job.getVersion(), "only the hub's own change counts");
        });
  }

  @Test
  void everyExecutionOfAJobFindsItNewestFirstAcrossInstances() {
    Instant t0 = Instant.parse("2026-07-01T00:00:00Z");
    catalog.run(
        em -> {
          BackupJobStore store = new BackupJobStore(em);
          BackupJob job = em.find(BackupJob.class, jobId);
          store.executionStarted(job, 11, 101, t0);
          store.executionStarted(job, 12, 105, t0.plusSeconds(60));
          job.setJobInstanceId(12L);
          job.setJobExecutionId(105L);
          job.setEndReason(JobEndReason.HUB_STOPPED);
          job.setAutoResumed(true);
        });
    List<Long> executions =
        catalog.inTx(
            em ->
                new BackupJobStore(em)
                    .executionsOf(em.find(BackupJob.class, jobId)).stream()
                        .map(BackupJobExecution::getJobExecutionId)
                        .toList());
    assertEquals(List.of(105L, 101L), executions);
    long byOld =
        catalog.inTx(em -> new BackupJobStore(em).byAnyExecution(101).orElseThrow().getId());
    assertEquals(jobId, byOld);
    boolean unknown = catalog.inTx(em -> new BackupJobStore(em).byAnyExecution(999).isEmpty());
    assertTrue(unknown);
    catalog.run(
        em -> {
          BackupJob job = em.find(BackupJob.class, jobId);
          assertEquals(JobEndReason.HUB_STOPPED, job.getEndReason());
          assertTrue(job.isAutoResumed());
        });
  }

  @Test
  void theConsoleFiltersByStatusVmFlowAndTimeAndPagesNewestFirst() {
    Instant t0 = Instant.parse("2026-07-01T00:00:00Z");
    long[] ids =
        catalog.inTx(
            em -> {
              BackupJob first = em.find(BackupJob.class, jobId);
              Vm web = vm(em, first.getVm().getSource(), "vm-8", "WEB01");
              ProtectionFlow flow = new ProtectionFlow();
              flow.setName("nightly");
              flow.setTargetVm(web);
              flow.setRepository(first.getRepository());
              flow.setCronSchedule("0 0 2 * * *");
              em.persist(flow);
              FlowExecution run = new FlowExecution();
              run.setFlow(flow);
              run.setTriggerKind(TriggerKind.MANUAL);
              run.setStatus(ExecutionStatus.RUNNING);
              run.setStartedAt(t0);
              em.persist(run);
              BackupJob failed = job(em, web, first.getRepository(), BackupJobStatus.FAILED);
              BackupJob ofFlow = job(em, web, first.getRepository(), BackupJobStatus.COMPLETED);
              ofFlow.setFlowExecution(run);
              em.flush();
              return new long[] {
                first.getId(), failed.getId(), ofFlow.getId(), flow.getId(), run.getId()
              };
            });
    // Queued an hour apart: the first job oldest.
    for (int i = 0; i < 3; i++) {
      Instant at = t0.plusSeconds(3600L * i);
      long id = ids[i];
      catalog.run(
          em ->
              em.createQuery("UPDATE BackupJob j SET j.queuedAt = :at WHERE j.id = :id")
                  .setParameter("at", at)
                  .setParameter("id", id)
                  .executeUpdate());
    }

    assertEquals(
        List.of(ids[2], ids[1], ids[0]), found(filter(null, null, null, null, null, null)));
    assertEquals(
        List.of(ids[1]), found(filter(BackupJobStatus.FAILED, null, null, null, null, null)));
    assertEquals(List.of(ids[2], ids[1]), found(filter(null, " web0", null, null, null, null)));
    assertEquals(List.of(ids[2]), found(filter(null, null, ids[3], null, null, null)));
    assertEquals(List.of(ids[2]), found(filter(null, null, null, ids[4], null, null)));
    assertEquals(
        List.of(ids[1]),
        found(filter(null, null, null, null, t0.plusSeconds(3600), t0.plusSeconds(7200))));
    long firstVm = catalog.inTx(em -> em.find(BackupJob.class, jobId).getVm().getId());
    BackupJobStore.Filter byVm =
        new BackupJobStore.Filter(null, null, firstVm, null, null, null, null, 10);
    assertEquals(List.of(ids[0]), catalog.inTx(em -> ids(new BackupJobStore(em).search(byVm))));

    BackupJobStore.Filter pageOfOne =
        new BackupJobStore.Filter(null, null, null, null, null, null, null, 1);
    assertEquals(
        List.of(ids[1]), catalog.inTx(em -> ids(new BackupJobStore(em).search(pageOfOne, 1))));
    assertEquals(3L, (long) catalog.inTx(em -> new BackupJobStore(em).count(pageOfOne)));
    Keyset afterNewest = new Keyset(t0.plusSeconds(7200), ids[2]);
    assertEquals(
        List.of(ids[1]),
        catalog.inTx(em -> ids(new BackupJobStore(em).search(pageOfOne, afterNewest, 0))));
    assertEquals(
        List.of(ids[0]),
        catalog.inTx(em -> ids(new BackupJobStore(em).search(pageOfOne, afterNewest, 1))));
    Keyset afterOldest = new Keyset(t0, ids[0]);
    assertEquals(
        List.of(),
        catalog.inTx(em -> ids(new BackupJobStore(em).search(pageOfOne, afterOldest, 0))));
    BackupJobStore.Filter failedOnes =
        filter(BackupJobStatus.FAILED, "web", null, null, null, null);
    assertEquals(1L, (long) catalog.inTx(em -> new BackupJobStore(em).count(failedOnes)));
  }

  @Test
  void aCompletedBackupSupersedesOnlyOlderFailedOrStoppedRunsOfItsVmRepositoryAndKind() {
    long[] ids =
        catalog.inTx(
            em -> {
              BackupJob first = em.find(BackupJob.class, jobId);
              Vm vm = first.getVm();
              Repository repo = first.getRepository();
              Repository other = Fixtures.repository(em, "nfs", "nfs");
              first.setStatus(BackupJobStatus.FAILED);
              first.setJobExecutionId(201L);
              BackupJob stopped = job(em, vm, repo, BackupJobStatus.STOPPED);
              stopped.setJobExecutionId(202L);
              BackupJob neverRan = job(em, vm, repo, BackupJobStatus.FAILED);
              BackupJob elsewhere = job(em, vm, other, BackupJobStatus.FAILED);
              elsewhere.setJobExecutionId(203L);
              BackupJob copy = job(em, vm, repo, BackupJobStatus.FAILED);
              copy.setJobKind(JobKind.COPY);
              copy.setJobExecutionId(204L);
              BackupJob done = job(em, vm, repo, BackupJobStatus.COMPLETED);
              done.setJobExecutionId(205L);
              BackupJob newer = job(em, vm, repo, BackupJobStatus.COMPLETED);
              newer.setJobExecutionId(206L);
              BackupJob later = job(em, vm, repo, BackupJobStatus.FAILED);
              later.setJobExecutionId(207L);
              em.flush();
              return new long[] {first.getId(), stopped.getId(), newer.getId()};
            });
    List<Long> superseded =
        catalog.inTx(
            em ->
                ids(
                    new BackupJobStore(em)
                        .supersededBy(em.find(BackupJob.class, ids[2])).stream()
                            .sorted(java.util.Comparator.comparing(BackupJob::getId))
                            .toList()));
    assertEquals(List.of(ids[0], ids[1]), superseded);
  }

  private static BackupJobStore.Filter filter(
      BackupJobStatus status,
      String vmName,
      Long flowId,
      Long executionId,
      Instant from,
      Instant to) {
    return new BackupJobStore.Filter(status, vmName, null, flowId, executionId, from, to, 10);
  }

  private List<Long> found(BackupJobStore.Filter filter) {
    return catalog.inTx(em -> ids(new BackupJobStore(em).search(filter)));
  }

  @Test
  void aQueuedBackupWaitsForItsRepositorysNodeElseItsFlowsElseItsSources() {
    long[][] ids =
        catalog.inTx(
            em -> {
              Node a = node(em, "site-a");
              Node b = node(em, "site-b");
              Node c = node(em, "site-c");
              BackupJob first = em.find(BackupJob.class, jobId);
              Source placed = first.getVm().getSource();
              placed.setNode(c);
              Vm vm = first.getVm();
              Vm onHub = vm(em, Fixtures.source(em, "vc-hub"), "vm-9", "hub01");
              Repository shared = first.getRepository();
              Repository local = Fixtures.repository(em, "site-a-folder", "local");
              local.setNode(a);
              FlowExecution onB = run(em, flow(em, "to-b", vm, shared, b));
              FlowExecution free = run(em, flow(em, "free", vm, shared, null));
              // Repository's node wins over the flow's (B) and the source's (C).
              BackupJob localRepo = job(em, vm, local, BackupJobStatus.QUEUED);
              BackupJob localRepoFlowB = job(em, vm, local, BackupJobStatus.QUEUED);
              localRepoFlowB.setFlowExecution(onB);
              // Flow's node wins over the source's.
              BackupJob flowB = job(em, vm, shared, BackupJobStatus.QUEUED);
              flowB.setFlowExecution(onB);
              // Neither names one: the source's.
              BackupJob flowFree = job(em, vm, shared, BackupJobStatus.QUEUED);
              flowFree.setFlowExecution(free);
              BackupJob copy = job(em, vm, shared, BackupJobStatus.QUEUED);
              copy.setJobKind(JobKind.COPY);
              job(em, onHub, shared, BackupJobStatus.QUEUED);
              job(em, vm, local, BackupJobStatus.RUNNING);
              em.flush();
              return new long[][] {
                {a.getId(), b.getId(), c.getId()},
                {localRepo.getId(), localRepoFlowB.getId()},
                {flowB.getId()},
                {jobId, flowFree.getId()}
              };
            });
    for (int i = 0; i < 3; i++) {
      long nodeId = ids[0][i];
      assertEquals(
          java.util.Arrays.stream(ids[i + 1]).boxed().toList(),
          catalog.inTx(
              em -> ids(new BackupJobStore(em).queuedForNode(em.find(Node.class, nodeId)))),
          "node " + i);
    }
  }

  private static Node node(jakarta.persistence.EntityManager em, String name) {
    Node node = new Node();
    node.setName(name);
    em.persist(node);
    return node;
  }

  private static ProtectionFlow flow(
      jakarta.persistence.EntityManager em, String name, Vm vm, Repository repository, Node node) {
    ProtectionFlow flow = new ProtectionFlow();
    flow.setName(name);
    flow.setTargetVm(vm);
    flow.setRepository(repository);
    flow.setNode(node);
    em.persist(flow);
    return flow;
  }

  private static FlowExecution run(jakarta.persistence.EntityManager em, ProtectionFlow flow) {
    FlowExecution run = new FlowExecution();
    run.setFlow(flow);
    run.setTriggerKind(TriggerKind.MANUAL);
    run.setStatus(ExecutionStatus.RUNNING);
    em.persist(run);
    return run;
  }

  private static List<Long> ids(List<BackupJob> jobs) {
    return jobs.stream().map(BackupJob::getId).toList();
  }

  private static Vm vm(
      jakarta.persistence.EntityManager em, Source source, String moref, String name) {
    return Fixtures.vm(em, source, moref, name);
  }

  @Test
  void theRunningJobIsTheVmsRunningOneInThatRepositoryOnly() {
    long[] ids =
        catalog.inTx(
            em -> {
              BackupJob first = em.find(BackupJob.class, jobId);
              Vm vm = first.getVm();
              Repository repo = first.getRepository();
              first.setStatus(BackupJobStatus.QUEUED);
              Vm otherVm = Fixtures.vm(em, vm.getSource(), "vm-8", "db02");
              Repository otherRepo = Fixtures.repository(em, "nfs", "nfs");
              job(em, otherVm, repo, BackupJobStatus.RUNNING);
              job(em, vm, otherRepo, BackupJobStatus.RUNNING);
              job(em, vm, repo, BackupJobStatus.COMPLETED);
              BackupJob running = job(em, vm, repo, BackupJobStatus.RUNNING);
              return new long[] {vm.getId(), repo.getId(), running.getId(), otherRepo.getId()};
            });
    assertEquals(List.of(ids[2]), running(ids[0], ids[1]));
    catalog.run(em -> em.find(BackupJob.class, ids[2]).setStatus(BackupJobStatus.STOPPED));
    assertEquals(List.of(), running(ids[0], ids[1]), "no job of the VM runs there now");
    assertEquals(1, running(ids[0], ids[3]).size(), "the VM's job in the other repository");
  }

  private List<Long> running(long vmId, long repositoryId) {
    return catalog.inTx(
        em ->
            new BackupJobStore(em)
                .runningJob(vmId, repositoryId).stream().map(BackupJob::getId).toList());
  }

  @Test
  void aPointsRestartableJobIsItsOldestFailedOrStoppedOne() {
    long[] ids =
        catalog.inTx(
            em -> {
              BackupJob first = em.find(BackupJob.class, jobId);
              Vm vm = first.getVm();
              Repository repo = first.getRepository();
              Backup point = point(em, vm, repo);
              Backup other = point(em, vm, repo);
              first.setBackup(point);
              first.setStatus(BackupJobStatus.COMPLETED);
              BackupJob stopped = job(em, vm, repo, BackupJobStatus.STOPPED);
              stopped.setBackup(point);
              job(em, vm, repo, BackupJobStatus.FAILED).setBackup(point);
              job(em, vm, repo, BackupJobStatus.ABANDONED).setBackup(other);
              job(em, vm, repo, BackupJobStatus.COMPLETED).setBackup(other);
              job(em, vm, repo, BackupJobStatus.FAILED);
              return new long[] {point.getId(), other.getId(), stopped.getId()};
            });
    assertEquals(List.of(ids[2]), restartable(ids[0]));
    assertEquals(List.of(), restartable(ids[1]), "abandoned and completed jobs are not restarted");
  }

  private List<Long> restartable(long backupId) {
    return catalog.inTx(
        em ->
            new BackupJobStore(em)
                .restartableJobOf(em.find(Backup.class, backupId)).stream()
                    .map(BackupJob::getId)
                    .toList());
  }

  private static Backup point(jakarta.persistence.EntityManager em, Vm vm, Repository repo) {
    Backup b = new Backup();
    b.setVm(vm);
    b.setRepository(repo);
    b.setBackupType(BackupType.FULL);
    b.setStatus(BackupStatus.FAILED);
    em.persist(b);
    return b;
  }

  private static BackupJob job(
      jakarta.persistence.EntityManager em, Vm vm, Repository repo, BackupJobStatus status) {
    BackupJob job = new BackupJob();
    job.setVm(vm);
    job.setRepository(repo);
    job.setRequestedType("auto");
    job.setStatus(status);
    em.persist(job);
    em.flush(); // ids in the order of creation: "older" means a smaller id
    return job;
  }
}
