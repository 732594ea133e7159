package io.sendense.webapp.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobLimitsTest {
  private static JobLimits.Slot job(long id, long vm, long repository, long source) {
    return new JobLimits.Slot(id, vm, repository, "repo" + repository, source, "vc" + source);
  }

  @Test
  void queuedJobsStartOldestFirstUpToTheRepositoryLimit() {
    JobLimits limits = new JobLimits(10, 2, 10);
    Map<Long, String> plan =
        limits.plan(List.of(job(1, 1, 7, 1)), List.of(job(2, 2, 7, 1), job(3, 3, 7, 1)));
    assertNull(plan.get(2L));
    assertEquals("Waiting: repository 'repo7' already takes 2 backups (limit 2)", plan.get(3L));
  }

  @Test
  void aSecondBackupOfTheSameVmWaitsForTheFirst() {
    Map<Long, String> plan =
        new JobLimits(10, 10, 10).plan(List.of(), List.of(job(1, 5, 1, 1), job(2, 5, 2, 1)));
    assertNull(plan.get(1L));
    assertEquals("Waiting: another backup of this VM is running", plan.get(2L));
  }

  @Test
  void sourceAndTotalLimitsHoldAcrossRepositories() {
    JobLimits limits = new JobLimits(3, 10, 2);
    Map<Long, String> plan =
        limits.plan(
            List.of(job(1, 1, 1, 9)),
            List.of(job(2, 2, 2, 9), job(3, 3, 3, 9), job(4, 4, 4, 8), job(5, 5, 5, 8)));
    assertNull(plan.get(2L));
    assertEquals("Waiting: source 'vc9' already serves 2 backups (limit 2)", plan.get(3L));
    assertNull(plan.get(4L));
    assertEquals("Waiting: the hub already runs 3 backup jobs (limit 3)", plan.get(5L));
  }

  @Test
  void limitsBelowOneAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new JobLimits(0, 1, 1));
  }
}
