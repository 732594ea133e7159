package io.sendense.webapp.report;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The reports as CSV (RFC 4180: comma, CRLF, quotes doubled). A cell that a spreadsheet would run
 * as a formula (starting with =, +, - or @, as a VM name may) is prefixed with an apostrophe.
 */
public final class ReportCsv {
  private ReportCsv() {}

  public static String protection(List<VmProtection> rows) {
    StringBuilder out =
        line(
            "vm_id",
            "vm",
            "flows",
            "rpo_target_seconds",
            "last_good_point_at",
            "age_seconds",
            "status");
    for (VmProtection r : rows) {
      out.append(
          line(
              r.vmId(),
              r.vmName(),
              String.join("; ", r.flows()),
              r.rpoTargetSeconds(),
              r.lastGoodPointAt(),
              r.ageSeconds(),
              r.status()));
    }
    return out.toString();
  }

  public static String flows(List<FlowSuccess> rows) {
    StringBuilder out =
        line(
            "flow_id",
            "flow",
            "enabled",
            "days",
            "runs",
            "succeeded",
            "partial",
            "failed",
            "skipped",
            "success_rate_percent");
    for (FlowSuccess r : rows) {
      out.append(
          line(
              r.flowId(),
              r.flowName(),
              r.enabled(),
              r.days(),
              r.runs(),
              r.succeeded(),
              r.partial(),
              r.failed(),
              r.skipped(),
              r.successRatePercent()));
    }
    return out.toString();
  }

  public static String capacity(List<CapacityTrend> rows) {
    StringBuilder out =
        line(
            "repository_id",
            "repository",
            "total_bytes",
            "used_bytes",
            "free_bytes",
            "checked_at",
            "samples",
            "first_sample_at",
            "outlook",
            "growth_bytes_per_day",
            "days_until_full");
    for (CapacityTrend r : rows) {
      out.append(
          line(
              r.repositoryId(),
              r.repositoryName(),
              r.totalBytes(),
              r.usedBytes(),
              r.freeBytes(),
              r.checkedAt(),
              r.samples(),
              r.firstSampleAt(),
              r.outlook(),
              r.growthBytesPerDay(),
              r.daysUntilFull()));
    }
    return out.toString();
  }

  public static String restores(List<RestoreActivity> rows) {
    StringBuilder out = line("at", "user", "kind", "what", "outcome", "detail");
    for (RestoreActivity r : rows) {
      out.append(line(r.at(), r.user(), r.kind(), r.what(), r.outcome(), r.detail()));
    }
    return out.toString();
  }

  private static StringBuilder line(Object... cells) {
    return new StringBuilder(
        Stream.of(cells).map(ReportCsv::cell).collect(Collectors.joining(",", "", "\r\n")));
  }

  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (value instanceof String && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      text = "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
