package io.sendense.batch.backup;

import io.sendense.batch.port.BackupPhase;
import io.sendense.batch.port.CatalogPort;
import io.sendense.batch.port.PlannedDisk;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Properties;

/**
 * Step {@code transfer}: one partition per disk, each with its {@code diskKey}. Every execution
 * overrides the earlier plan ({@code partitionsOverride}): all disks run again, each from the
 * committed offset the catalog keeps for it (a disk that had finished only catches up with the new
 * snapshot). The batch runtime's own partition checkpoints are not used, because Payara's JBatch
 * cannot restart a partitioned step that was interrupted by a crash (it never stored the partition
 * count), while an override skips that path on every runtime.
 */
@Dependent
@Named
public class BackupVmPartitionMapper implements PartitionMapper {
  @Inject JobContext jobContext;
  @Inject BackupRuns runs;
  @Inject CatalogPort catalog;

  @Inject
  @BatchProperty(name = "threads")
  String threads;

  @Override
  public PartitionPlan mapPartitions() {
    BackupRun run = runs.get(jobContext.getExecutionId());
    run.progress().phase(BackupPhase.TRANSFER);
    List<PlannedDisk> disks = run.backup(catalog).disks();
    Properties[] props = new Properties[disks.size()];
    for (int i = 0; i < props.length; i++) {
      props[i] = new Properties();
      props[i].setProperty("diskKey", Integer.toString(disks.get(i).diskKey()));
    }
    PartitionPlanImpl plan = new PartitionPlanImpl();
    plan.setPartitions(props.length);
    plan.setThreads(Math.max(1, Math.min(props.length, Integer.parseInt(threads))));
    plan.setPartitionProperties(props);
    plan.setPartitionsOverride(true);
    return plan;
  }
}
