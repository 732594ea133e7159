package io.sendense.system;

import static io.sendense.system.ReportFlows.json;
import static io.sendense.system.ReportFlows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /api/v1/reports} of the real hub after a flow that backs up and one that fails. */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class ReportsIT {
  @ArquillianResource URL deployedAt;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  /** The API leaves null fields out. */
  private static boolean absent(JsonObject o, String key) {
    return !o.containsKey(key) || o.isNull(key);
  }

  private static long newestPointMillis(long vm) throws Exception {
    try (Connection db = HubEnvironment.catalog();
        Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT COUNT(*), MAX(completed_at) FROM backups WHERE status = 'COMPLETE'"
                    + " AND vm_context_id = "
                    + vm)) {
      r.next();
      assertEquals(1, r.getInt(1), "one good point of VM " + vm);
      return r.getTimestamp(2).getTime();
    }
  }

  @Test
  void protectionPerVmAndSuccessPerFlowMatchWhatRanAsJsonAndCsv() throws Exception {
    HubClient hub = new HubClient(deployedAt);
    try (FlowFixture fixture = FlowFixture.start(hub)) {
      ReportFlows flows = ReportFlows.ranOnce(hub, fixture);
      long good = flows.good();
      long bad = flows.bad();
      long none = fixture.vm("DC0_H0_VM1");
      String okName = flows.okName();
      String asViewer = ReportFlows.viewer(hub).authorization();

      HttpResponse<String> protection =
          hub.get("api/v1/reports/protection", "Authorization", asViewer);
      assertEquals(200, protection.statusCode(), protection.body());
      JsonObject report = json(protection.body());
      Instant at = Instant.parse(report.getString("generatedAt"));
      JsonObject g = row(report, "vms", "vmId", good);
      assertEquals("OK", g.getString("status"), g.toString());
      assertEquals(6 * 3600, g.getJsonNumber("rpoTargetSeconds").longValue());
      assertEquals(1, g.getJsonArray("flows").size(), g.toString());
      assertEquals(okName, g.getJsonArray("flows").getString(0));
      Instant point = Instant.parse(g.getString("lastGoodPointAt"));
      assertEquals(newestPointMillis(good), point.toEpochMilli(), g.toString());
      assertEquals(
          Duration.between(point, at).toSeconds(), g.getJsonNumber("ageSeconds").longValue());
      JsonObject b = row(report, "vms", "vmId", bad);
      assertEquals("NO_POINT", b.getString("status"), b.toString());
      assertEquals(86_400, b.getJsonNumber("rpoTargetSeconds").longValue());
      assertTrue(absent(b, "lastGoodPointAt"), b.toString());
      JsonObject n = row(report, "vms", "vmId", none);
      assertEquals("UNPROTECTED", n.getString("status"), n.toString());
      assertTrue(absent(n, "rpoTargetSeconds"), n.toString());

      HttpResponse<String> csv =
          hub.get("api/v1/reports/protection.csv", "Authorization", asViewer);
      assertEquals(200, csv.statusCode(), csv.body());
      assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
      assertTrue(
          csv.headers()
              .firstValue("Content-Disposition")
              .orElse("")
              .matches("attachment; filename=\"sendense-protection-\\d{4}-\\d\\d-\\d\\d\\.csv\""),
          csv.headers().toString());
      String[] lines = csv.body().split("\r\n");
      assertEquals(
          "vm_id,vm,flows,rpo_target_seconds,last_good_point_at,age_seconds,status", lines[0]);
      assertEquals(report.getJsonArray("vms").size() + 1, lines.length, csv.body());
      assertTrue(
          csv.body().contains("\r\n" + good + ",DC0_H0_VM0," + okName + ",21600," + point + ","),
          csv.body());
      assertTrue(
          csv.body().contains("\r\n" + none + ",DC0_H0_VM1,,,,,UNPROTECTED\r\n"), csv.body());

      JsonObject perFlow =
          json(hub.get("api/v1/reports/flows?days=7", "Authorization", asViewer).body());
      assertEquals(7, perFlow.getInt("days"));
      JsonObject f = row(perFlow, "flows", "flowId", flows.ok());
      assertEquals(1, f.getInt("runs"));
      assertEquals(1, f.getInt("succeeded"));
      assertEquals(100.0, f.getJsonNumber("successRatePercent").doubleValue());
      JsonObject x = row(perFlow, "flows", "flowId", flows.failing());
      assertEquals(1, x.getInt("failed"));
      assertEquals(0.0, x.getJsonNumber("successRatePercent").doubleValue());
      String flowsCsv =
          hub.get("api/v1/reports/flows.csv?days=7", "Authorization", asViewer).body();
      assertTrue(
          flowsCsv.contains("\r\n" + flows.ok() + "," + okName + ",true,7,1,1,0,0,0,100.0\r\n"),
          flowsCsv);
    }
  }

  @Test
  void reportsNeedCredentialsAndRefuseABadWindow() throws Exception {
    HubClient hub = new HubClient(deployedAt);
    assertEquals(401, hub.get("api/v1/reports/protection").statusCode());
    assertEquals(401, hub.get("api/v1/reports/flows.csv").statusCode());
    HttpResponse<String> bad =
        hub.get("api/v1/reports/flows?days=0", "Authorization", HubClient.admin());
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(bad.body().contains("days must be from 1 to 366, not 0"), bad.body());
  }
}
