package io.sendense.webapp.dashboard;

import io.sendense.persistence.summary.SummaryStore;
import io.sendense.webapp.repository.RepositoryDto;
import java.time.Instant;
import java.util.List;

/**
 * What the dashboard shows beyond the catalog counts.
 *
 * @param capacityWarningPercent used space from which a repository is flagged
 * @param verification complete restore points by the outcome of their last verification
 */
public record DashboardData(
    int vmsProtected,
    int vmsUnprotected,
    int runsSucceeded24h,
    int runsWarning24h,
    int runsFailed24h,
    List<RunningJob> running,
    List<RepositoryDto> repositories,
    int capacityWarningPercent,
    List<MissedFlow> missed,
    List<Failure> failures,
    SummaryStore.VerificationCounts verification) {

  /** A backup running now. */
  public record RunningJob(
      long vmId, String vmName, String flowName, int percent, Instant startedAt) {}

  /** An enabled flow that did not run when it should have. */
  public record MissedFlow(long flowId, String name, Instant plannedAt) {}

  /** A recent failed or partly failed flow run with its reason. */
  public record Failure(long flowId, String flowName, String status, Instant at, String message) {}
}
