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
 * Step {@code transfer}: one partition per disk, each with its {@code diskKey}. The plan is the
 * same in every execution of a job instance, so a restart reruns only the disks that did not
 * finish, each from its own checkpoint.
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
    plan.setPartitionsOverride(false);
    return plan;
  }
}
