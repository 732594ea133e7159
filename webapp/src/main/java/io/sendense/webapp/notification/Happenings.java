package io.sendense.webapp.notification;

import io.sendense.persistence.notification.NotificationEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds what each kind of happening says: subjects, text and the webhook's data. */
public final class Happenings {
  private Happenings() {}

  /** A flow run ended: FAILED, PARTIAL or SUCCESS. */
  public static Happening flowRun(FlowRunFacts f) {
    NotificationEvent event =
        switch (f.status()) {
          case "FAILED" -> NotificationEvent.FAILURE;
          case "PARTIAL" -> NotificationEvent.WARNING;
          default -> NotificationEvent.SUCCESS;
        };
    String subject =
        "Flow '"
            + f.flowName()
            + "' "
            + f.status()
            + ": "
            + f.vmsSucceeded()
            + " of "
            + f.vmsTotal()
            + " VM(s) backed up";
    StringBuilder text = new StringBuilder();
    text.append("Protection flow: ").append(f.flowName()).append('\n');
    text.append("Outcome: ").append(f.status()).append('\n');
    text.append("VMs: ").append(f.vmsSucceeded()).append(" backed up, ");
    text.append(f.vmsFailed()).append(" failed, of ").append(f.vmsTotal()).append('\n');
    text.append("Started: ").append(f.startedAt()).append('\n');
    text.append("Ended: ").append(f.endedAt()).append('\n');
    if (f.message() != null && !f.message().isBlank()) {
      text.append("Details: ").append(f.message()).append('\n');
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("flowId", f.flowId());
    data.put("flowName", f.flowName());
    data.put("executionId", f.executionId());
    data.put("status", f.status());
    data.put("vmsTotal", f.vmsTotal());
    data.put("vmsSucceeded", f.vmsSucceeded());
    data.put("vmsFailed", f.vmsFailed());
    data.put("startedAt", f.startedAt());
    data.put("endedAt", f.endedAt());
    data.put("message", f.message());
    return new Happening(
        event, f.flowId(), "flow-run:" + f.executionId(), subject, text.toString(), data);
  }

  /** What a flow run's message needs. */
  public record FlowRunFacts(
      long flowId,
      String flowName,
      long executionId,
      String status,
      int vmsTotal,
      int vmsSucceeded,
      int vmsFailed,
      Instant startedAt,
      Instant endedAt,
      String message) {}

  /** A backup started by hand (no flow) failed: global failure rules hear it. */
  public static Happening manualBackupFailed(
      long jobId, Long jobExecutionId, String vmName, String status, String error) {
    String subject = "Backup of VM '" + vmName + "' " + status;
    String text =
        "Backup job "
            + jobId
            + " of VM "
            + vmName
            + " (started by hand) ended "
            + status
            + ".\n"
            + (error == null ? "" : "Details: " + error + "\n");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("jobId", jobId);
    data.put("jobExecutionId", jobExecutionId);
    data.put("vmName", vmName);
    data.put("status", status);
    data.put("message", error);
    return new Happening(
        NotificationEvent.FAILURE,
        null,
        "backup-job:" + jobId + ":" + jobExecutionId,
        subject,
        text,
        data);
  }

  /** A scheduled run missed while the hub was down. */
  public static Happening missed(long flowId, String flowName, long executionId, Instant planned) {
    String subject = "Flow '" + flowName + "' missed its run of " + planned;
    String text =
        "The hub was not running at "
            + planned
            + ", when protection flow "
            + flowName
            + " was due, and catch-up is switched off: that run did not happen.\n";
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("flowId", flowId);
    data.put("flowName", flowName);
    data.put("executionId", executionId);
    data.put("plannedAt", planned);
    return new Happening(
        NotificationEvent.MISSED_SCHEDULE,
        flowId,
        "missed:" + flowId + ":" + planned,
        subject,
        text,
        data);
  }

  /** Verification found a point CORRUPT or MISSING. */
  public static Happening damaged(
      long backupId, String vmName, String repository, String status, String detail) {
    String subject = "Restore point " + backupId + " of VM '" + vmName + "' is " + status;
    String text =
        "Verification found restore point "
            + backupId
            + " of VM "
            + vmName
            + " in repository "
            + repository
            + " "
            + status
            + ". It and the points built on it are no longer restored from or built on; the VM's"
            + " next backup is a full.\n"
            + (detail == null ? "" : "Details: " + detail + "\n");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("backupId", backupId);
    data.put("vmName", vmName);
    data.put("repository", repository);
    data.put("status", status);
    data.put("detail", detail);
    return new Happening(
        NotificationEvent.VERIFICATION_CORRUPT,
        null,
        "verify:" + backupId + ":" + status,
        subject,
        text,
        data);
  }

  /** A repository's used space is at or above a threshold (once a day per repository). */
  public static Happening capacity(
      long repositoryId, String name, long used, long total, int threshold, String day) {
    long percent = total <= 0 ? 0 : Math.round(used * 100.0 / total);
    String subject = "Repository '" + name + "' is " + percent + "% full";
    String text =
        "Repository "
            + name
            + " uses "
            + used
            + " of "
            + total
            + " bytes ("
            + percent
            + "%), at or above the threshold of "
            + threshold
            + "%. Free space or add a"
            + " repository before backups fail.\n";
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("repositoryId", repositoryId);
    data.put("repository", name);
    data.put("usedBytes", used);
    data.put("totalBytes", total);
    data.put("usedPercent", percent);
    data.put("thresholdPercent", threshold);
    return new Happening(
        NotificationEvent.REPOSITORY_CAPACITY,
        null,
        "capacity:" + repositoryId + ":" + threshold + ":" + day,
        subject,
        text,
        data);
  }

  /** The daily summary: the runs of the last 24 hours and the repositories' space. */
  public static Happening summary(
      String day, Map<String, Integer> runs, List<String> failed, List<String> repositories) {
    int total = runs.values().stream().mapToInt(Integer::intValue).sum();
    String subject =
        "Daily summary "
            + day
            + ": "
            + total
            + " run(s), "
            + runs.getOrDefault("FAILED", 0)
            + " failed";
    StringBuilder text = new StringBuilder("Flow runs in the last 24 hours:\n");
    runs.forEach(
        (status, n) -> text.append("  ").append(status).append(": ").append(n).append('\n'));
    if (!failed.isEmpty()) {
      text.append("Failed or partial:\n");
      failed.forEach(f -> text.append("  ").append(f).append('\n'));
    }
    text.append("Repositories:\n");
    repositories.forEach(r -> text.append("  ").append(r).append('\n'));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("day", day);
    runs.forEach((status, n) -> data.put("runs" + status, n));
    data.put("failed", String.join("; ", failed));
    return new Happening(
        NotificationEvent.DAILY_SUMMARY, null, "summary:" + day, subject, text.toString(), data);
  }

  /** "Send test": never queued, sent once to the caller's channel. */
  public static Happening test(String channelName, String user) {
    String subject = "Test notification for channel '" + channelName + "'";
    String text =
        "This is a test sent by "
            + user
            + " from the hub's notification settings. If you read"
            + " this, the channel works.\n";
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("channel", channelName);
    data.put("requestedBy", user);
    return new Happening(NotificationEvent.TEST, null, "test", subject, text, data);
  }
}
