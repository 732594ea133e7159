package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
import java.util.Arrays;
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
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  @ArquillianResource URL deployedAt;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }

  private static JsonObject row(JsonObject report, String list, String key, long id) {
    for (JsonValue v : report.getJsonArray(list)) {
      if (v.asJsonObject().getJsonNumber(key).longValue() == id) {
        return v.asJsonObject();
      }
    }
    throw new AssertionError("no " + key + " " + id + " in " + report);
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

  private static long words(String text, String word) {
    return Arrays.stream(text.split(" ")).filter(word::equals).count();
  }

  private static Instant newestPoint(long vm) throws Exception {
    try (Connection db = HubEnvironment.catalog();
        Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT COUNT(*), MAX(completed_at) FROM backups WHERE status = 'COMPLETE'"
                    + " AND vm_context_id = "
                    + vm)) {
      r.next();
      assertEquals(1, r.getInt(1), "one good point of VM " + vm);
      return r.getTimestamp(2).toInstant();
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

  private void run(HubClient hub, FlowFixture fixture, long flow, String status) throws Exception {
    HttpResponse<String> run =
        hub.postJson("api/v1/protection-flows/" + flow + "/execute", HubClient.admin(), "");
    assertEquals(202, run.statusCode(), run.body());
    String done =
        fixture.awaitStatus(
            flow, s -> !s.contains("\"running\":{"), new ArrayList<>(), Duration.ofMinutes(4));
    assertEquals(status, FlowFixture.field(done, "status"), done);
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
      Path work = Path.of(System.getProperty("sendense.it.workdir"));
      long repo = fixture.localRepository(work.resolve("repo-sla-" + UUID.randomUUID()));
      Path gone = work.resolve("gone-" + UUID.randomUUID());
      long lost = fixture.localRepository(gone);
      Files.delete(gone);
      long good = fixture.vm("DC0_H0_VM0");
      long bad = fixture.vm("DC0_C0_RP0_VM0");
      String okName = "six-hourly-" + UUID.randomUUID().toString().substring(0, 8);
      String badName = "daily-" + UUID.randomUUID().toString().substring(0, 8);
      long ok =
          fixture.flow(
              "{\"name\":\""
                  + okName
                  + "\",\"targetVmId\":"
                  + good
                  + ",\"repositoryId\":"
                  + repo
                  + ",\"schedule\":\"0 */6 * * *\",\"timeZone\":\"UTC\"}");
      long failing =
          fixture.flow(
              "{\"name\":\""
                  + badName
                  + "\",\"targetVmId\":"
                  + bad
                  + ",\"repositoryId\":"
                  + lost
                  + ",\"schedule\":\"@daily\"}");
      run(hub, fixture, ok, "SUCCESS");
      run(hub, fixture, failing, "FAILED");
      createdHoursEarlier(ok, 84);
      createdHoursEarlier(failing, 84);
      String viewerName = "rita" + System.nanoTime();
      String password = "password-for-" + viewerName;
      assertEquals(
          201,
          hub.postJson(
                  "api/v1/users",
                  HubClient.admin(),
                  "{\"username\":\""
                      + viewerName
                      + "\",\"password\":\""
                      + password
                      + "\",\"roles\":[\"viewer\"]}")
              .statusCode());
      String asViewer = HubClient.basic(viewerName, password);

      // Covered since 3.5 days: the six-hourly VM is sampled now, -1, -2, -3 days (its first
      // six hours do not count) and met the target only now; the daily one now, -1, -2 days, never.
      JsonObject sla = json(hub.get("api/v1/reports/sla?days=7", "Authorization", asViewer).body());
      assertEquals(7, sla.getInt("samples"), sla.toString());
      assertEquals(1, sla.getInt("met"), sla.toString());
      assertEquals(14.3, sla.getJsonNumber("percent").doubleValue(), sla.toString());
      JsonObject g = row(sla, "vms", "vmId", good);
      assertEquals(4, g.getInt("samples"), g.toString());
      assertEquals(1, g.getInt("met"), g.toString());
      JsonObject b = row(sla, "vms", "vmId", bad);
      assertEquals(3, b.getInt("samples"), b.toString());
      assertEquals(0, b.getInt("met"), b.toString());
      assertEquals(2, sla.getJsonArray("vms").size(), "only VMs with a scheduled flow");
      JsonObject month =
          json(hub.get("api/v1/reports/sla?days=30", "Authorization", asViewer).body());
      assertEquals(7, month.getInt("samples"), month.toString());
      assertEquals(1, month.getInt("met"), month.toString());

      JsonObject protection =
          json(hub.get("api/v1/reports/protection", "Authorization", asViewer).body());
      Instant point = newestPoint(good);
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
      String text = pdfText(pdf.body());
      assertTrue(
          text.contains(
              "SLA over 7 days: 14.3 % (1 of 7 VM-days); over 30 days: 14.3 % (1 of 7 VM-days)."),
          text);
      assertTrue(text.contains("DC0_H0_VM0 " + okName + " 6 h " + MINUTE.format(point)), text);
      assertTrue(text.contains("DC0_C0_RP0_VM0 " + badName + " 1 d - - NO_POINT"), text);
      for (String status : new String[] {"OK", "LATE", "NO_POINT", "NO_SCHEDULE", "UNPROTECTED"}) {
        long rows =
            protection.getJsonArray("vms").stream()
                .filter(v -> v.asJsonObject().getString("status").equals(status))
                .count();
        assertEquals(rows, words(text, status), status + " in " + text);
      }

      String flows =
          pdfText(
              hub.getBytes("api/v1/reports/flows.pdf?days=7", "Authorization", asViewer).body());
      assertTrue(flows.contains("Sendense flow runs, last 7 days"), flows);
      assertTrue(flows.contains(okName + " yes 1 1 0 0 0 100.0 %"), flows);
      assertTrue(flows.contains(badName + " yes 1 0 0 1 0 0.0 %"), flows);

      onThePage(
          viewerName,
          password,
          good,
          hub.get("api/v1/reports/protection.csv", "Authorization", asViewer).body());
    }
  }

  /** The viewer's Reports page shows the SLA and the rows, and its CSV is the API's. */
  private void onThePage(String user, String password, long good, String apiCsv) throws Exception {
    Path downloads =
        Files.createTempDirectory(Path.of(System.getProperty("sendense.it.workdir")), "reports");
    try (Chromium chromium = new Chromium(deployedAt, downloads)) {
      chromium.browser.get(chromium.url("login.xhtml"));
      chromium.browser.findElement(By.id("login:username")).sendKeys(user);
      chromium.browser.findElement(By.id("login:password")).sendKeys(password);
      chromium.browser.findElement(By.id("login:submit")).click();
      chromium.wait.until(ExpectedConditions.urlContains("/dashboard.xhtml"));
      chromium.browser.findElement(By.id("m-reports")).click();
      chromium.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sla-7")));
      assertEquals("14.3 %", chromium.browser.findElement(By.id("sla-7")).getText());
      assertEquals(
          "1 of 7 VM-days within the RPO",
          chromium.browser.findElement(By.id("sla-7-detail")).getText());
      String row =
          chromium
              .browser
              .findElement(
                  By.xpath("//tbody[@id='protection:table_data']/tr[@data-rk='" + good + "']"))
              .getText();
      assertTrue(row.contains("DC0_H0_VM0"), row);
      assertTrue(row.contains("6 h") && row.contains("OK"), row);
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
      String pagePdf =
          pdfText(Files.readAllBytes(awaitDownload(downloads, "sendense-protection-", ".pdf")));
      assertTrue(pagePdf.contains("SLA over 7 days: 14.3 % (1 of 7 VM-days)"), pagePdf);
    }
  }

  /** A protection CSV line without its age_seconds cell (the sixth of seven). */
  private static String withoutAge(String line) {
    int end = line.lastIndexOf(',');
    int start = line.lastIndexOf(',', end - 1);
    return line.substring(0, start) + line.substring(end);
  }
}
