package io.sendense.webapp.api;

import io.sendense.webapp.report.ReportCsv;
import io.sendense.webapp.report.ReportService;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@code /api/v1/reports}: protection status per VM (RPO) and success rate per flow, as JSON and as
 * CSV downloads with the same rows. Any signed-in user (the service checks the role).
 */
@Path("/reports")
public class ReportResource {
  static final String CSV = "text/csv";

  @Inject ReportService reports;

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
    ReportService.Protection report = reports.protection();
    return download(ReportCsv.protection(report.vms()), "protection", report.generatedAt());
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
    ReportService.Success report = reports.success(days);
    return download(ReportCsv.flows(report.flows()), "flows-" + days + "d", report.generatedAt());
  }

  private static Response download(String csv, String name, Instant at) {
    String day = LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    return Response.ok(csv, CSV + "; charset=UTF-8")
        .header(
            "Content-Disposition", "attachment; filename=\"sendense-" + name + "-" + day + ".csv\"")
        .build();
  }
}
