package io.sendense.webapp.api;

import io.sendense.webapp.report.ReportDownloads;
import io.sendense.webapp.report.ReportService;
import io.sendense.webapp.report.Sla;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/v1/reports}: protection status per VM (RPO), the SLA over the last days, success rate
 * per flow, as JSON and as CSV and PDF downloads with the same rows. Any signed-in user (the
 * service checks the role).
 */
@Path("/reports")
public class ReportResource {
  static final String CSV = "text/csv";
  static final String PDF = "application/pdf";

  @Inject ReportService reports;
  @Inject ReportDownloads downloads;

  @GET
  @Path("protection")
  @Produces(MediaType.APPLICATION_JSON)
  public ReportService.Protection protection() {
    return reports.protection();
  }

  @GET
  @Path("protection.csv")
  @Produces(CSV)
  public Response protectionCsv() {
    return download(downloads.protectionCsv());
  }

  /** The protection report with the SLA over 7 and 30 days, as a PDF. */
  @GET
  @Path("protection.pdf")
  @Produces(PDF)
  public Response protectionPdf() {
    return download(downloads.protectionPdf());
  }

  /** The SLA over the last {@code days} (default 30), with each measured VM's part. */
  @GET
  @Path("sla")
  @Produces(MediaType.APPLICATION_JSON)
  public Sla sla(@QueryParam("days") @DefaultValue("30") int days) {
    return reports.sla(days);
  }

  /** Downloads, disk images and whole-VM restores of the last {@code days} (default 30). */
  @GET
  @Path("restores")
  @Produces(MediaType.APPLICATION_JSON)
  public ReportService.Restores restores(@QueryParam("days") @DefaultValue("30") int days) {
    return reports.restores(days);
  }

  @GET
  @Path("restores.csv")
  @Produces(CSV)
  public Response restoresCsv(@QueryParam("days") @DefaultValue("30") int days) {
    return download(downloads.restoresCsv(days));
  }

  @GET
  @Path("restores.pdf")
  @Produces(PDF)
  public Response restoresPdf(@QueryParam("days") @DefaultValue("30") int days) {
    return download(downloads.restoresPdf(days));
  }

  /** Every repository's capacity and its "full in N days" forecast. */
  @GET
  @Path("capacity")
  @Produces(MediaType.APPLICATION_JSON)
  public ReportService.Capacity capacity() {
    return reports.capacity();
  }

  @GET
  @Path("capacity.csv")
  @Produces(CSV)
  public Response capacityCsv() {
    return download(downloads.capacityCsv());
  }

  @GET
  @Path("capacity.pdf")
  @Produces(PDF)
  public Response capacityPdf() {
    return download(downloads.capacityPdf());
  }

  @GET
  @Path("flows")
  @Produces(MediaType.APPLICATION_JSON)
  public ReportService.Success flows(@QueryParam("days") @DefaultValue("30") int days) {
    return reports.success(days);
  }

  @GET
  @Path("flows.csv")
  @Produces(CSV)
  public Response flowsCsv(@QueryParam("days") @DefaultValue("30") int days) {
    return download(downloads.flowsCsv(days));
  }

  @GET
  @Path("flows.pdf")
  @Produces(PDF)
  public Response flowsPdf(@QueryParam("days") @DefaultValue("30") int days) {
    return download(downloads.flowsPdf(days));
  }

  private static Response download(ReportDownloads.Download file) {
    return Response.ok(file.body(), file.contentType())
        .header("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"")
        .build();
  }
}
