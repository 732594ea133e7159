package io.sendense.webapp.report;

import io.sendense.webapp.shell.FormatView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reports as files (CSV and PDF), made once here for both the Reports page and {@code
 * /api/v1/reports/*.csv|pdf}. The role check is {@link ReportService}'s.
 */
@ApplicationScoped
public class ReportDownloads {
  public static final String CSV = "text/csv; charset=UTF-8";
  public static final String PDF = "application/pdf";

  @Inject ReportService reports;
  @Inject FormatView format;

  /** A file to download: its name, its content type and its bytes. */
  public record Download(String fileName, String contentType, byte[] body) {}

  public Download protectionCsv() {
    ReportService.Protection report = reports.protection();
    return csv(ReportCsv.protection(report.vms()), "protection", report.generatedAt());
  }

  public Download flowsCsv(int days) {
    ReportService.Success report = reports.success(days);
    return csv(ReportCsv.flows(report.flows()), "flows-" + days + "d", report.generatedAt());
  }

  public Download restoresCsv(int days) {
    ReportService.Restores report = reports.restores(days);
    return csv(
        ReportCsv.restores(report.restores()), "restores-" + days + "d", report.generatedAt());
  }

  public Download capacityCsv() {
    ReportService.Capacity report = reports.capacity();
    return csv(ReportCsv.capacity(report.repositories()), "capacity", report.generatedAt());
  }

  /** The protection report with the SLA over 7 and 30 days above the table. */
  public Download protectionPdf() {
    ReportService.Protection report = reports.protection();
    Sla week = reports.sla(7);
    Sla month = reports.sla(30);
    List<List<String>> rows = new ArrayList<>();
    for (VmProtection r : report.vms()) {
      rows.add(
          List.of(
              r.vmName(),
              r.flows().isEmpty() ? "-" : String.join(", ", r.flows()),
              ReportText.duration(r.rpoTargetSeconds()),
              format.instant(r.lastGoodPointAt()),
              ReportText.duration(r.ageSeconds()),
              r.status().name()));
    }
    List<String> summary =
        List.of(
            "Generated " + format.instant(report.generatedAt()) + ".",
            "SLA over 7 days: " + slaText(week) + "; over 30 days: " + slaText(month) + ".",
            "SLA: once a day, is each VM's newest good restore point within its RPO target?");
    byte[] pdf =
        ReportPdf.render(
            "Sendense protection report",
            summary,
            new ReportPdf.Table(
                List.of("VM", "Flows", "RPO target", "Newest good point", "Age", "Status"),
                new float[] {3, 4, 1.5f, 2.5f, 1.5f, 1.5f},
                rows));
    return new Download(fileName("protection", report.generatedAt(), "pdf"), PDF, pdf);
  }

  /** The flow runs of the last {@code days} with their success rate. */
  public Download flowsPdf(int days) {
    ReportService.Success report = reports.success(days);
    List<List<String>> rows = new ArrayList<>();
    for (FlowSuccess f : report.flows()) {
      rows.add(
          List.of(
              f.flowName(),
              f.enabled() ? "yes" : "no",
              Long.toString(f.runs()),
              Long.toString(f.succeeded()),
              Long.toString(f.partial()),
              Long.toString(f.failed()),
              Long.toString(f.skipped()),
              ReportText.percent(f.successRatePercent())));
    }
    byte[] pdf =
        ReportPdf.render(
            "Sendense flow runs, last " + days + " days",
            List.of(
                "Generated " + format.instant(report.generatedAt()) + ".",
                "Runs started in the window; success rate = succeeded / (succeeded + partial +"
                    + " failed). Skipped runs did not run."),
            new ReportPdf.Table(
                List.of(
                    "Flow",
                    "Enabled",
                    "Runs",
                    "Succeeded",
                    "Partial",
                    "Failed",
                    "Skipped",
                    "Success rate"),
                new float[] {4, 1, 1, 1, 1, 1, 1, 1.5f},
                rows));
    return new Download(fileName("flows-" + days + "d", report.generatedAt(), "pdf"), PDF, pdf);
  }

  /** Every repository's capacity as last read and its forecast. */
  public Download capacityPdf() {
    ReportService.Capacity report = reports.capacity();
    List<List<String>> rows = new ArrayList<>();
    for (CapacityTrend c : report.repositories()) {
      rows.add(
          List.of(
              c.repositoryName(),
              format.bytes(c.totalBytes()),
              format.bytes(c.usedBytes()),
              format.bytes(c.freeBytes()),
              format.instant(c.checkedAt()),
              c.growthBytesPerDay() != null && c.growthBytesPerDay() > 0
                  ? format.bytes(c.growthBytesPerDay())
                  : "-",
              Integer.toString(c.samples()),
              ReportText.outlook(c)));
    }
    byte[] pdf =
        ReportPdf.render(
            "Sendense repository capacity",
            List.of(
                "Generated " + format.instant(report.generatedAt()) + ".",
                "Forecast: a straight line through the free space read over the last 30 days"
                    + " (hourly and at each refresh); it needs readings spanning a day."),
            new ReportPdf.Table(
                List.of(
                    "Repository",
                    "Size",
                    "Used",
                    "Free",
                    "Read at",
                    "Growth a day",
                    "Readings",
                    "Forecast"),
                new float[] {3, 1.2f, 1.2f, 1.2f, 2.5f, 1.5f, 1, 2},
                rows));
    return new Download(fileName("capacity", report.generatedAt(), "pdf"), PDF, pdf);
  }

  /** The restores of the last {@code days}: downloads, disk images and whole-VM restores. */
  public Download restoresPdf(int days) {
    ReportService.Restores report = reports.restores(days);
    List<List<String>> rows = new ArrayList<>();
    for (RestoreActivity r : report.restores()) {
      rows.add(
          Arrays.asList(
              format.instant(r.at()), r.user(), r.kind(), r.what(), r.outcome(), r.detail()));
    }
    byte[] pdf =
        ReportPdf.render(
            "Sendense restore activity, last " + days + " days",
            List.of(
                "Generated " + format.instant(report.generatedAt()) + ".",
                "File and folder downloads and disk images (from the audit log) and whole-VM"
                    + " restores (from their jobs)."),
            new ReportPdf.Table(
                List.of("When", "Who", "Kind", "What", "Outcome", "Detail"),
                new float[] {2.5f, 1.5f, 2, 4, 1.5f, 4},
                rows));
    return new Download(fileName("restores-" + days + "d", report.generatedAt(), "pdf"), PDF, pdf);
  }

  /** "95.2 % (40 of 42 VM-days)" or "nothing measured yet". */
  public static String slaText(Sla sla) {
    return sla.percent() == null
        ? "nothing measured yet"
        : ReportText.percent(sla.percent())
            + " ("
            + sla.met()
            + " of "
            + sla.samples()
            + " VM-days)";
  }

  private static Download csv(String text, String name, Instant at) {
    return new Download(fileName(name, at, "csv"), CSV, text.getBytes(StandardCharsets.UTF_8));
  }

  private static String fileName(String name, Instant at, String extension) {
    return "sendense-" + name + "-" + LocalDate.ofInstant(at, ZoneOffset.UTC) + "." + extension;
  }
}
