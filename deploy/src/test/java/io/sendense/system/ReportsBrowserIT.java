package io.sendense.system;

import static io.sendense.system.ReportFlows.json;
import static io.sendense.system.ReportFlows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Reports page, its CSV and PDF downloads and the API's PDFs and SLA after real backups: the
 * numbers equal the catalog's. The flows are moved 3.5 days into the past in the catalog so the SLA
 * has days to measure.
 */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class ReportsBrowserIT {
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  @ArquillianResource URL deployedAt;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  /** The PDF's text, every run of white space made one space. */
  static String pdfText(byte[] pdf) throws Exception {
    PdfReader reader = new PdfReader(pdf);
    try {
      PdfTextExtractor extractor = new PdfTextExtractor(reader);
      StringBuilder all = new StringBuilder();
      for (int page = 1; page <= reader.getNumberOfPages(); page++) {
        all.append(extractor.getTextFromPage(page)).append(' ');
      }
      return all.toString().replaceAll("\\s+", " ");
    } finally {
      reader.close();
    }
  }

  private static String squeezed(String text) {
    return text.replaceAll("\\s+", "");
  }

  /** How often {@code word} occurs in {@code text} (not overlapping). */
  private static long occurrences(String text, String word) {
    long n = 0;
    for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length())) {
      n++;
    }
    return n;
  }

  /** A VM's newest COMPLETE point (other classes' flows may have made some). */
  private record Point(long id, Instant completedAt) {}

  private static java.util.Optional<Point> newestPoint(long vm) throws Exception {
    try (Connection db = HubEnvironment.catalog();
        Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT id, completed_at FROM backups WHERE status = 'COMPLETE'"
                    + " AND vm_context_id = "
                    + vm
                    + " ORDER BY completed_at DESC, id DESC LIMIT 1")) {
      return r.next()
          ? java.util.Optional.of(new Point(r.getLong(1), r.getTimestamp(2).toInstant()))
          : java.util.Optional.empty();
    }
  }

  /**
   * Disables every flow but {@code keep}: flows of classes that ran before in this catalog would
   * otherwise change the VMs' RPO targets and add runs and points while this test measures.
   */
  private static void onlyTheseFlowsEnabled(long... keep) throws Exception {
    StringBuilder ids = new StringBuilder();
    for (long id : keep) {
      ids.append(ids.isEmpty() ? "" : ",").append(id);
    }
    try (Connection db = HubEnvironment.catalog();
        Statement s = db.createStatement()) {
      s.executeUpdate("UPDATE protection_flows SET enabled = FALSE WHERE id NOT IN (" + ids + ")");
    }
  }

  private static void createdHoursEarlier(long flow, int hours) throws Exception {
    try (Connection db = HubEnvironment.catalog();
        Statement s = db.createStatement()) {
      assertEquals(
          1,
          s.executeUpdate(
              "UPDATE protection_flows SET created_at = created_at - INTERVAL "
                  + hours
                  + " HOUR WHERE id = "
                  + flow));
    }
  }

  private static Path awaitDownload(Path folder, String prefix, String suffix) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.list(folder)) {
        var all = files.toList();
        boolean partial = all.stream().anyMatch(p -> p.toString().endsWith(".crdownload"));
        var done =
            all.stream()
                .filter(
                    p ->
                        p.getFileName().toString().startsWith(prefix)
                            && p.getFileName().toString().endsWith(suffix))
                .toList();
        if (!partial && done.size() == 1) {
          return done.get(0);
        }
      }
      Thread.sleep(200);
    }
    try (Stream<Path> files = Files.list(folder)) {
      throw new AssertionError("No download " + prefix + " in " + files.toList());
    }
  }

  @Test
  void pagePdfCsvAndSlaShowTheCatalogsNumbersToAViewer() throws Exception {
    HubClient hub = new HubClient(deployedAt);
    try (FlowFixture fixture = FlowFixture.start(hub)) {
      ReportFlows flows = ReportFlows.ranOnce(hub, fixture);
      long good = flows.good();
      long bad = flows.bad();
      onlyTheseFlowsEnabled(flows.ok(), flows.failing());
      createdHoursEarlier(flows.ok(), 84);
      createdHoursEarlier(flows.failing(), 84);
      Instant badPoint = newestPoint(bad).map(Point::completedAt).orElse(null);
      ReportFlows.Viewer viewer = ReportFlows.viewer(hub);
      String asViewer = viewer.authorization();

      // Covered since 3.5 days: the six-hourly VM is sampled now, -1, -2, -3 days (its first
      // six hours do not count) and met the target only now; the daily one now, -1, -2 days, and
      // met it only now if another class backed it up within the day.
      int badMet =
          badPoint != null && badPoint.isAfter(Instant.now().minus(Duration.ofHours(23))) ? 1 : 0;
      JsonObject sla = json(hub.get("api/v1/reports/sla?days=7", "Authorization", asViewer).body());
      JsonObject g = row(sla, "vms", "vmId", good);
      assertEquals(4, g.getInt("samples"), g.toString());
      assertEquals(1, g.getInt("met"), g.toString());
      JsonObject b = row(sla, "vms", "vmId", bad);
      assertEquals(3, b.getInt("samples"), b.toString());
      assertEquals(badMet, b.getInt("met"), b.toString());
      assertEquals(2, sla.getJsonArray("vms").size(), "only VMs with a scheduled flow");
      assertEquals(7, sla.getInt("samples"), sla.toString());
      assertEquals(1 + badMet, sla.getInt("met"), sla.toString());
      double percent = Math.round((1 + badMet) * 1000.0 / 7) / 10.0;
      assertEquals(percent, sla.getJsonNumber("percent").doubleValue(), sla.toString());
      JsonObject month =
          json(hub.get("api/v1/reports/sla?days=30", "Authorization", asViewer).body());
      assertEquals(7, month.getInt("samples"), month.toString());
      assertEquals(1 + badMet, month.getInt("met"), month.toString());
      String slaLine =
          String.format(java.util.Locale.ROOT, "%.1f %% (%d of 7 VM-days)", percent, 1 + badMet);

      JsonObject protection =
          json(hub.get("api/v1/reports/protection", "Authorization", asViewer).body());
      Point point = newestPoint(good).orElseThrow();
      HttpResponse<byte[]> pdf =
          hub.getBytes("api/v1/reports/protection.pdf", "Authorization", asViewer);
      assertEquals(200, pdf.statusCode());
      assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
      assertTrue(
          pdf.headers()
              .firstValue("Content-Disposition")
              .orElse("")
              .matches("attachment; filename=\"sendense-protection-\\d{4}-\\d\\d-\\d\\d\\.pdf\""),
          pdf.headers().toString());
      Shown shown = new Shown(flows, slaLine, point.completedAt(), protection);
      shown.inProtectionPdf(pdfText(pdf.body()));

      String runs =
          pdfText(
              hub.getBytes("api/v1/reports/flows.pdf?days=7", "Authorization", asViewer).body());
      assertTrue(runs.contains("Sendense flow runs, last 7 days"), runs);
      assertTrue(
          squeezed(runs).contains(squeezed(flows.okName() + " yes 1 1 0 0 0 100.0 %")), runs);
      assertTrue(squeezed(runs).contains(squeezed(flows.badName() + " yes 1 0 0 1 0 0.0 %")), runs);

      // A disk image downloaded by the admin is in the restore activity the viewer reads.
      long pointId = point.id();
      HttpResponse<byte[]> image =
          hub.getBytes(
              "api/v1/backups/" + pointId + "/disks/0/image?format=qcow2",
              "Authorization",
              HubClient.admin());
      assertEquals(200, image.statusCode());
      JsonObject restores =
          json(hub.get("api/v1/reports/restores?days=7", "Authorization", asViewer).body());
      JsonObject first = restores.getJsonArray("restores").getJsonObject(0);
      assertEquals("admin", first.getString("user"), first.toString());
      assertEquals("DISK_IMAGE", first.getString("kind"), first.toString());
      assertEquals("backup " + pointId + " disk 0", first.getString("what"), first.toString());
      assertEquals("SUCCESS", first.getString("outcome"), first.toString());
      assertEquals("qcow2 image of VM DC0_H0_VM0", first.getString("detail"), first.toString());
      String restoresCsv =
          hub.get("api/v1/reports/restores.csv?days=7", "Authorization", asViewer).body();
      assertTrue(
          restoresCsv.contains(
              "\r\n"
                  + Instant.parse(first.getString("at"))
                  + ",admin,DISK_IMAGE,backup "
                  + pointId
                  + " disk 0,SUCCESS,qcow2 image of VM DC0_H0_VM0\r\n"),
          restoresCsv);
      HttpResponse<byte[]> restoresPdf =
          hub.getBytes("api/v1/reports/restores.pdf?days=7", "Authorization", asViewer);
      assertEquals(200, restoresPdf.statusCode());
      assertEquals("application/pdf", restoresPdf.headers().firstValue("Content-Type").orElse(""));
      String restoresText = pdfText(restoresPdf.body());
      assertTrue(restoresText.contains("Sendense restore activity, last 7 days"), restoresText);
      assertTrue(
          squeezed(restoresText)
              .contains(
                  squeezed(
                      "admin DISK_IMAGE backup "
                          + pointId
                          + " disk 0 SUCCESS qcow2 image of VM DC0_H0_VM0")),
          restoresText);

      onThePage(
          viewer,
          shown,
          hub.get("api/v1/reports/protection.csv", "Authorization", asViewer).body());
    }
  }

  @Test
  void capacityForecastFollowsTheRecordedReadings() throws Exception {
    HubClient hub = new HubClient(deployedAt);
    try (FlowFixture fixture = FlowFixture.start(hub)) {
      Path work = Path.of(System.getProperty("sendense.it.workdir"));
      long repo = fixture.localRepository(work.resolve("repo-capacity-" + UUID.randomUUID()));
      HttpResponse<String> refreshed =
          hub.postJson("api/v1/repositories/" + repo + "/refresh-storage", HubClient.admin(), "");
      assertEquals(200, refreshed.statusCode(), refreshed.body());
      JsonObject now = json(refreshed.body());
      // Adding and refreshing read the capacity twice: both are kept as samples (the hourly
      // reading at minute 17 may add one while the test runs: the counts are the catalog's).
      Consistent young = consistent(hub, repo);
      assertTrue(young.rows().size() >= 2, young.row().toString());
      assertEquals("TOO_LITTLE_HISTORY", young.row().getString("outlook"), young.row().toString());

      // Ten earlier readings, one a day, with 1 GiB more free each day further back.
      try (Connection db = HubEnvironment.catalog();
          Statement s = db.createStatement()) {
        for (int d = 1; d <= 10; d++) {
          s.executeUpdate(
              "INSERT INTO repository_capacity_samples"
                  + " (repository_id, sampled_at, total_bytes, used_bytes, free_bytes)"
                  + " SELECT repository_id, sampled_at - INTERVAL "
                  + d
                  + " DAY, total_bytes, used_bytes - "
                  + d
                  + " * 1073741824, free_bytes + "
                  + d
                  + " * 1073741824 FROM repository_capacity_samples WHERE repository_id = "
                  + repo
                  + " ORDER BY sampled_at DESC LIMIT 1");
        }
      }
      Consistent later = consistent(hub, repo);
      assertEquals(young.rows().size() + 10, later.rows().size());
      long growth = Math.round(-slopePerSecond(later.rows()) * 86_400);
      JsonObject c = later.row();
      long free = c.getJsonNumber("freeBytes").longValue();
      assertEquals("FILLING", c.getString("outlook"), c.toString());
      assertEquals(
          json(hub.get(
                      "api/v1/repositories/" + repo + "/storage",
                      "Authorization",
                      HubClient.admin())
                  .body())
              .getJsonNumber("capacityFreeBytes")
              .longValue(),
          free);
      assertEquals(
          now.getJsonNumber("capacityTotalBytes").longValue(),
          c.getJsonNumber("totalBytes").longValue());
      assertTrue(
          Math.abs(growth - c.getJsonNumber("growthBytesPerDay").longValue()) <= 1,
          growth + " vs " + c);
      assertEquals(
          free / c.getJsonNumber("growthBytesPerDay").longValue(),
          c.getJsonNumber("daysUntilFull").longValue(),
          c.toString());
      String csv =
          hub.get("api/v1/reports/capacity.csv", "Authorization", HubClient.admin()).body();
      assertTrue(
          csv.contains(
              ","
                  + later.rows().size()
                  + ","
                  + Instant.parse(c.getString("firstSampleAt"))
                  + ",FILLING,"
                  + c.getJsonNumber("growthBytesPerDay")
                  + ","
                  + c.getJsonNumber("daysUntilFull")
                  + "\r\n"),
          csv);
      String pdf =
          pdfText(
              hub.getBytes("api/v1/reports/capacity.pdf", "Authorization", HubClient.admin())
                  .body());
      assertTrue(pdf.contains("Sendense repository capacity"), pdf);
      // The readings and the forecast cells of the repository's row, side by side.
      assertTrue(
          squeezed(pdf)
              .contains(
                  later.rows().size()
                      + "fullin"
                      + c.getJsonNumber("daysUntilFull")
                      + (c.getJsonNumber("daysUntilFull").longValue() == 1 ? "day" : "days")),
          pdf);
    }
  }

  @Test
  void theAuditLogFiltersInTheDatabaseForAdminsOnly() throws Exception {
    HubClient hub = new HubClient(deployedAt);
    String who = "aud-" + UUID.randomUUID().toString().substring(0, 8);
    Instant t = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String[][] rows = {
      {"restore.download", "180"},
      {"restore.image", "120"},
      {"login", "60"},
      {"flow.run", "30"},
      {"restore.vm", "10"}
    };
    try (Connection db = HubEnvironment.catalog();
        java.sql.PreparedStatement insert =
            db.prepareStatement(
                "INSERT INTO audit_log (occurred_at, username, action, target, outcome)"
                    + " VALUES (?, ?, ?, ?, 'SUCCESS')")) {
      for (String[] r : rows) {
        insert.setTimestamp(
            1, java.sql.Timestamp.from(t.minus(Duration.ofMinutes(Long.parseLong(r[1])))));
        insert.setString(2, who);
        insert.setString(3, r[0]);
        insert.setString(4, "t-" + r[1]);
        insert.executeUpdate();
      }
      // Someone else at the same times: never in this user's answers.
      insert.setTimestamp(1, java.sql.Timestamp.from(t.minus(Duration.ofMinutes(60))));
      insert.setString(2, who + "-other");
      insert.setString(3, "login");
      insert.setString(4, "t-other");
      insert.executeUpdate();
    }
    String admin = HubClient.admin();

    HttpResponse<String> all = hub.get("api/v1/audit?user=" + who, "Authorization", admin);
    assertEquals(200, all.statusCode(), all.body());
    assertEquals("5", all.headers().firstValue("X-Total-Count").orElse(""));
    assertEquals(java.util.List.of("t-10", "t-30", "t-60", "t-120", "t-180"), targets(all.body()));
    HttpResponse<String> restores =
        hub.get(
            "api/v1/audit?user=" + who.toUpperCase(java.util.Locale.ROOT) + "&action=restore.",
            "Authorization",
            admin);
    assertEquals(java.util.List.of("t-10", "t-120", "t-180"), targets(restores.body()));
    assertEquals("3", restores.headers().firstValue("X-Total-Count").orElse(""));
    assertEquals(
        java.util.List.of("t-120"),
        targets(
            hub.get("api/v1/audit?user=" + who + "&action=restore.image", "Authorization", admin)
                .body()));
    HttpResponse<String> window =
        hub.get(
            "api/v1/audit?user="
                + who
                + "&from="
                + t.minus(Duration.ofMinutes(120))
                + "&to="
                + t.minus(Duration.ofMinutes(30)),
            "Authorization",
            admin);
    assertEquals(java.util.List.of("t-60", "t-120"), targets(window.body()), "to is exclusive");
    HttpResponse<String> paged =
        hub.get("api/v1/audit?user=" + who + "&offset=2&limit=2", "Authorization", admin);
    assertEquals(java.util.List.of("t-60", "t-120"), targets(paged.body()));
    assertEquals("5", paged.headers().firstValue("X-Total-Count").orElse(""));
    HttpResponse<String> bad = hub.get("api/v1/audit?from=yesterday", "Authorization", admin);
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(bad.body().contains("from must be an ISO-8601 instant"), bad.body());

    ReportFlows.Viewer viewer = ReportFlows.viewer(hub);
    assertEquals(
        403, hub.get("api/v1/audit", "Authorization", viewer.authorization()).statusCode());

    try (Chromium chromium = new Chromium(deployedAt)) {
      chromium.logInAsAdmin();
      chromium.browser.findElement(By.id("m-audit")).click();
      chromium.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("audit:user")));
      org.openqa.selenium.WebElement before =
          chromium.browser.findElement(By.id("audit:table_data"));
      chromium.browser.findElement(By.id("audit:user")).sendKeys(who);
      chromium.browser.findElement(By.id("audit:action")).sendKeys("restore.");
      chromium.browser.findElement(By.id("audit:apply")).click();
      chromium.wait.until(ExpectedConditions.stalenessOf(before));
      try {
        chromium.wait.until(
            d ->
                d.findElements(
                            By.xpath(
                                "//tbody[@id='audit:table_data']/tr[not(contains(@class,"
                                    + " 'ui-datatable-empty-message'))]"))
                        .size()
                    == 3);
      } catch (org.openqa.selenium.TimeoutException e) {
        throw new AssertionError(
            "audit rows: " + chromium.browser.findElement(By.id("audit:table")).getText(), e);
      }
      String shown = chromium.browser.findElement(By.id("audit:table_data")).getText();
      assertTrue(
          shown.indexOf("t-10") < shown.indexOf("t-120")
              && shown.indexOf("t-120") < shown.indexOf("t-180")
              && !shown.contains("t-60"),
          shown);
      assertTrue(
          chromium
              .browser
              .findElement(By.id("audit:table"))
              .getText()
              .contains("1-3 of 3 entries"));
      chromium.screenshot("audit-log");
    }
    try (Chromium chromium = new Chromium(deployedAt)) {
      chromium.logIn(viewer.name(), viewer.password());
      assertTrue(chromium.browser.findElements(By.id("m-audit")).isEmpty(), "no Audit log menu");
      assertTrue(!chromium.browser.findElements(By.id("m-reports")).isEmpty(), "Reports menu");
      chromium.browser.get(chromium.url("settings/audit-log.xhtml"));
      assertTrue(chromium.browser.findElements(By.id("audit:table")).isEmpty(), "no audit table");
    }
  }

  /** The targets of an audit API answer, in its order. */
  private static List<String> targets(String body) {
    return Json.createReader(new StringReader(body)).readArray().stream()
        .map(v -> v.asJsonObject().getString("target"))
        .toList();
  }

  /** The report's row of {@code repo} and the catalog's samples, read with no sample between. */
  private record Consistent(JsonObject row, List<double[]> rows) {}

  private static Consistent consistent(HubClient hub, long repo) throws Exception {
    for (int attempt = 0; ; attempt++) {
      List<double[]> before = sampleRows(repo);
      JsonObject row = capacityRow(hub, repo);
      List<double[]> after = sampleRows(repo);
      if (before.size() == after.size() || attempt == 3) {
        assertEquals(after.size(), row.getInt("samples"), row.toString());
        return new Consistent(row, after);
      }
    }
  }

  private static JsonObject capacityRow(HubClient hub, long repo) throws Exception {
    HttpResponse<String> r = hub.get("api/v1/reports/capacity", "Authorization", HubClient.admin());
    assertEquals(200, r.statusCode(), r.body());
    return row(json(r.body()), "repositories", "repositoryId", repo);
  }

  /** The catalog's samples of {@code repo}: epoch seconds and free bytes. */
  private static List<double[]> sampleRows(long repo) throws Exception {
    List<double[]> out = new ArrayList<>();
    try (Connection db = HubEnvironment.catalog();
        Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT sampled_at, free_bytes FROM repository_capacity_samples"
                    + " WHERE repository_id = "
                    + repo)) {
      while (r.next()) {
        out.add(new double[] {r.getTimestamp(1).getTime() / 1000.0, r.getLong(2)});
      }
    }
    return out;
  }

  /** Least squares: the slope of free bytes over seconds. */
  private static double slopePerSecond(List<double[]> points) {
    double mx = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
    double my = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    for (double[] p : points) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
    }
    return sxy / sxx;
  }

  /**
   * What the reports must show after the two flows ran: the SLA line, both flows' rows, and as many
   * of each status as the protection report has rows.
   */
  private record Shown(ReportFlows flows, String slaLine, Instant point, JsonObject protection) {
    /** Checks a protection PDF, the API's or the page's download. */
    void inProtectionPdf(String text) {
      assertTrue(
          text.contains("SLA over 7 days: " + slaLine + "; over 30 days: " + slaLine + "."), text);
      // The extracted text joins some table cells without a space: rows are compared squeezed.
      String cells = squeezed(text);
      assertTrue(
          cells.contains(squeezed("DC0_H0_VM0 " + flows.okName() + " 6 h " + MINUTE.format(point))),
          text);
      assertTrue(cells.contains(squeezed("DC0_C0_RP0_VM0 " + flows.badName() + " 1 d")), text);
      for (String status : new String[] {"OK", "LATE", "NO_POINT", "NO_SCHEDULE", "UNPROTECTED"}) {
        long rows =
            protection.getJsonArray("vms").stream()
                .filter(v -> v.asJsonObject().getString("status").equals(status))
                .count();
        assertEquals(rows, occurrences(cells, status), status + " in " + text);
      }
    }
  }

  /**
   * The viewer's Reports page shows the SLA and the six-hourly flow's row, its CSV is the API's and
   * its PDF shows what the API's does.
   */
  private void onThePage(ReportFlows.Viewer viewer, Shown shown, String apiCsv) throws Exception {
    String slaLine = shown.slaLine();
    Path downloads =
        Files.createTempDirectory(Path.of(System.getProperty("sendense.it.workdir")), "reports");
    try (Chromium chromium = new Chromium(deployedAt, downloads)) {
      chromium.logIn(viewer.name(), viewer.password());
      chromium.browser.findElement(By.id("m-reports")).click();
      chromium.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sla-7")));
      assertEquals(
          slaLine.substring(0, slaLine.indexOf(" (")),
          chromium.browser.findElement(By.id("sla-7")).getText());
      assertEquals(
          slaLine.substring(slaLine.indexOf('(') + 1, slaLine.indexOf(" VM-days"))
              + " VM-days within the RPO",
          chromium.browser.findElement(By.id("sla-7-detail")).getText());
      // In a full run other classes' VMs fill the table's first pages: page on until the row shows.
      By okRowAt =
          By.xpath(
              "//tbody[@id='protection:table_data']/tr[contains(., '"
                  + shown.flows().okName()
                  + "')]");
      org.openqa.selenium.WebElement okRow =
          chromium.await(
              "the protection row of " + shown.flows().okName(),
              d -> {
                var found = d.findElements(okRowAt);
                if (found.isEmpty()) {
                  d
                      .findElements(
                          By.cssSelector(
                              "[id='protection:table'] .ui-paginator-next:not(.ui-state-disabled)"))
                      .stream()
                      .findFirst()
                      .ifPresent(
                          next -> {
                            next.click();
                            chromium.settle();
                          });
                  return null;
                }
                return found.get(0);
              },
              java.util.Objects::nonNull);
      String row = okRow.getText();
      assertTrue(row.contains("DC0_H0_VM0"), row);
      assertEquals(
          1,
          okRow.findElements(By.cssSelector("span.sd-time[title][data-datetime]")).size(),
          "the newest good point in the user's zone, relative, exact on hover: " + row);
      assertTrue(row.contains("6 h") && row.contains("OK"), row);
      String restoreRows = chromium.browser.findElement(By.id("restores:table_data")).getText();
      assertTrue(restoreRows.contains("DISK_IMAGE"), restoreRows);
      chromium.screenshot("reports");

      chromium.browser.findElement(By.id("protection:csv")).click();
      String pageCsv = Files.readString(awaitDownload(downloads, "sendense-protection-", ".csv"));
      String[] apiLines = apiCsv.split("\r\n");
      String[] pageLines = pageCsv.split("\r\n");
      assertEquals(apiLines.length, pageLines.length, pageCsv);
      for (int i = 0; i < apiLines.length; i++) {
        // The age column differs by the seconds between the two downloads: compare the rest.
        assertEquals(withoutAge(apiLines[i]), withoutAge(pageLines[i]), pageCsv);
      }
      chromium.browser.findElement(By.id("protection:pdf")).click();
      shown.inProtectionPdf(
          pdfText(Files.readAllBytes(awaitDownload(downloads, "sendense-protection-", ".pdf"))));
    }
  }

  /** A protection CSV line without its age_seconds cell (the sixth of seven). */
  private static String withoutAge(String line) {
    int end = line.lastIndexOf(',');
    int start = line.lastIndexOf(',', end - 1);
    return line.substring(0, start) + line.substring(end);
  }
}
