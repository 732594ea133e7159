package io.sendense.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sendense.batch.wire.WorkItem;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExecutionsTest {
  private static WorkItem item(long jobId, String vmId, String repositoryId) {
    var none = new WorkItem.Extension("t", "n", Map.of());
    return new WorkItem(
        jobId,
        jobId * 10,
        jobId * 100,
        vmId,
        "vm-" + vmId,
        Map.of("repositoryId", repositoryId),
        none,
        none);
  }

  /**
   * The runtime runs a job's first artifacts before it returns the execution id: their lookups by
   * VM and repository wait for the registration instead of failing (NodeIT in CI: "This node runs
   * no job of VM 2155" for the second job of a VM started right after the first ended).
   */
  @Test
  void aJobsOwnLookupsDuringItsStartWaitForItsRegistration() throws Exception {
    Executions executions = new Executions();
    WorkItem item = item(7, "2155", "31");
    var byVm = new CompletableFuture<WorkItem>();
    var byRepository = new CompletableFuture<WorkItem>();
    executions.start(
        item,
        () -> {
          Thread artifact =
              new Thread(
                  () -> {
                    try {
                      byVm.complete(executions.byVm("2155"));
                      byRepository.complete(executions.byRepository("31"));
                    } catch (RuntimeException e) {
                      byVm.completeExceptionally(e);
                      byRepository.completeExceptionally(e);
                    }
                  });
          artifact.start();
          try {
            // the artifact asks while the runtime has not returned yet
            artifact.join(200);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return 1L;
        },
        execution -> 11L);
    assertEquals(item, byVm.get(5, TimeUnit.SECONDS));
    assertEquals(item, byRepository.get(5, TimeUnit.SECONDS));
  }

  @Test
  void anEndedJobIsNoLongerFoundAndTheErrorNamesWhatWasAskedFor() {
    Executions executions = new Executions();
    executions.start(item(7, "2155", "31"), () -> 1L, execution -> 11L);
    executions.ended(1L);
    assertEquals(
        "This node runs no job of VM 2155",
        assertThrows(IllegalArgumentException.class, () -> executions.byVm("2155")).getMessage());
    assertEquals(
        "This node runs no job into repository 31",
        assertThrows(IllegalArgumentException.class, () -> executions.byRepository("31"))
            .getMessage());
    assertEquals(
        "No job of this node runs as execution 1",
        assertThrows(IllegalStateException.class, () -> executions.byExecution(1L)).getMessage());
  }

  /**
   * Backups and restores have ids of their own on the hub: a restore with a backup job's id is
   * another job, a restore is found by its point and its target source, and a backup's VM lookup
   * never answers with a restore of that VM.
   */
  @Test
  void restoresAreTheirOwnKindOfJobAndFoundByPointAndTargetSource() {
    Executions executions = new Executions();
    WorkItem backup = item(7, "2155", "31");
    var none = new WorkItem.Extension("t", "n", Map.of());
    WorkItem restore =
        new WorkItem(
            WorkItem.RESTORE,
            7,
            -7001,
            -7001,
            "2156",
            "",
            Map.of("restoreId", "7", "backupId", "40", "sourceId", "3", "repositoryId", "31"),
            none,
            none);
    executions.start(backup, () -> 1L, execution -> 11L);
    executions.start(restore, () -> 2L, execution -> 12L);
    assertEquals(backup, executions.byJob(WorkItem.BACKUP, 7).orElseThrow().item());
    assertEquals(restore, executions.byJob(WorkItem.RESTORE, 7).orElseThrow().item());
    assertEquals(restore, executions.restoreWith("backupId", 40));
    assertEquals(restore, executions.restoreWith("sourceId", 3));
    assertThrows(IllegalArgumentException.class, () -> executions.byVm("2156"));
    assertEquals(
        "This node runs no restore with backupId 41",
        assertThrows(IllegalArgumentException.class, () -> executions.restoreWith("backupId", 41))
            .getMessage());
  }
}
