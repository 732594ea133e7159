package io.sendense.batch.backup;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jberet.runtime.JobExecutionImpl;
import org.jberet.se.SEArtifactFactory;
import org.jboss.weld.environment.se.WeldContainer;

/** Starts and restarts {@code backup-vm} under JBeret SE and waits for the end of an execution. */
final class Jobs {
  /** The id under which JBeret SE starts (or finds) its Weld container. */
  private static final String WELD_ID = "STATIC_INSTANCE";

  private Jobs() {}

  static JobOperator operator() {
    return BatchRuntime.getJobOperator();
  }

  /** The test host's ports, from the Weld container that JBeret SE runs the artifacts in. */
  static TestPorts ports() {
    new SEArtifactFactory();
    return WeldContainer.instance(WELD_ID).select(TestPorts.class).get();
  }

  static Properties params(String vmId, String repositoryId, String type) {
    Properties p = new Properties();
    p.setProperty("vmId", vmId);
    p.setProperty("repositoryId", repositoryId);
    p.setProperty("backupType", type);
    p.setProperty("blockSize", Integer.toString(1 << 20));
    p.setProperty("chunkItems", "4");
    return p;
  }

  static long start(Properties params) {
    return operator().start("backup-vm", params);
  }

  static long restart(long executionId, Properties params) {
    return operator().restart(executionId, params);
  }

  /** Waits until the execution and its listeners have ended; returns its batch status. */
  static BatchStatus await(long executionId) throws InterruptedException {
    JobExecutionImpl execution = (JobExecutionImpl) operator().getJobExecution(executionId);
    execution.awaitTermination(2, TimeUnit.MINUTES);
    BatchStatus status = execution.getBatchStatus();
    if (status == BatchStatus.STARTED || status == BatchStatus.STARTING) {
      throw new AssertionError("execution " + executionId + " did not end in time: " + status);
    }
    return status;
  }
}
