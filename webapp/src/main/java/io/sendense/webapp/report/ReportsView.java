package io.sendense.webapp.report;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.util.function.Supplier;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/**
 * The Reports page: protection per VM with the SLA over 7 and 30 days, and the flow runs of the
 * last 7 or 30 days; each as CSV and PDF made by {@link ReportDownloads} (the API's files).
 */
@Named
@ViewScoped
public class ReportsView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient ReportService reports;
  @Inject transient ReportDownloads downloads;
  private int days = 7;
  private transient ReportService.Protection protection;
  private transient Sla week;
  private transient Sla month;
  private transient ReportService.Success success;
  private transient ReportService.Capacity capacity;
  private transient ReportService.Restores restores;

  public ReportService.Protection getProtection() {
    if (protection == null) {
      protection = reports.protection();
    }
    return protection;
  }

  public Sla getWeek() {
    if (week == null) {
      week = reports.sla(7);
    }
    return week;
  }

  public Sla getMonth() {
    if (month == null) {
      month = reports.sla(30);
    }
    return month;
  }

  public ReportService.Success getSuccess() {
    if (success == null || success.days() != days) {
      success = reports.success(days);
    }
    return success;
  }

  public ReportService.Capacity getCapacity() {
    if (capacity == null) {
      capacity = reports.capacity();
    }
    return capacity;
  }

  /** "full in 12 days", "not growing", "history under a day", "capacity not read yet". */
  public String outlook(CapacityTrend row) {
    return ReportText.outlook(row);
  }

  /** The restores of the last 30 days. */
  public ReportService.Restores getRestores() {
    if (restores == null) {
      restores = reports.restores(30);
    }
    return restores;
  }

  public StreamedContent getRestoresCsv() {
    return stream(() -> downloads.restoresCsv(30));
  }

  public StreamedContent getCapacityCsv() {
    return stream(downloads::capacityCsv);
  }

  public StreamedContent getCapacityPdf() {
    return stream(downloads::capacityPdf);
  }

  public StreamedContent getRestoresPdf() {
    return stream(() -> downloads.restoresPdf(30));
  }

  public int getDays() {
    return days;
  }

  /** The flow runs window: 7 or 30 days. */
  public void setDays(int days) {
    this.days = days == 30 ? 30 : 7;
  }

  public String sla(Sla sla) {
    return ReportDownloads.slaText(sla);
  }

  public String flows(VmProtection row) {
    return row.flows().isEmpty() ? "-" : String.join(", ", row.flows());
  }

  public String duration(Long seconds) {
    return ReportText.duration(seconds);
  }

  public String percent(Double value) {
    return ReportText.percent(value);
  }

  public StreamedContent getProtectionCsv() {
    return stream(downloads::protectionCsv);
  }

  public StreamedContent getProtectionPdf() {
    return stream(downloads::protectionPdf);
  }

  public StreamedContent getFlowsCsv() {
    int window = days;
    return stream(() -> downloads.flowsCsv(window));
  }

  public StreamedContent getFlowsPdf() {
    int window = days;
    return stream(() -> downloads.flowsPdf(window));
  }

  /** Made when the download button is pressed (p:fileDownload reads its value then). */
  private static StreamedContent stream(Supplier<ReportDownloads.Download> make) {
    ReportDownloads.Download file = make.get();
    byte[] body = file.body();
    return DefaultStreamedContent.builder()
        .name(file.fileName())
        .contentType(file.contentType())
        .contentLength((long) body.length)
        .stream(() -> new ByteArrayInputStream(body))
        .build();
  }
}
