package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Lists on a large catalog (rows loaded with SQL, as an estate with thousands of points holds):
 * every list answers at most the documented maximum page with the total in a header, and the
 * Restore page finds a VM whose only restore point is older than thousands of newer ones.
 */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class ListLimitsIT {
  @ArquillianResource URL deployedAt;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  /** Adds a VM of its own source with {@code points} COMPLETE points; returns the VM id. */
  private static long vmWithPoints(Connection db, String name, int points, int daysAgo)
      throws Exception {
    long repository = single(db, "SELECT id FROM repositories WHERE name = 'Local'");
    long source;
    try (PreparedStatement s =
        db.prepareStatement(
            "INSERT INTO sources (name, plugin_id, host, port, username) VALUES (?, 'vmware', ?, 443, 'x')",
            Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, name);
      s.setString(2, name + ".invalid");
      s.executeUpdate();
      source = key(s);
    }
    long vm;
    try (PreparedStatement s =
        db.prepareStatement(
            "INSERT INTO vm_contexts (source_id, moref, name) VALUES (?, 'vm-1', ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      s.setLong(1, source);
      s.setString(2, name);
      s.executeUpdate();
      vm = key(s);
    }
    try (PreparedStatement s =
        db.prepareStatement(
            "INSERT INTO backups (vm_context_id, repository_id, backup_type, status, started_at,"
                + " completed_at) SELECT ?, ?, 'INCREMENTAL', 'COMPLETE',"
                + " NOW(3) - INTERVAL (? * 86400 + seq * 60) SECOND,"
                + " NOW(3) - INTERVAL (? * 86400 + seq * 60 - 30) SECOND FROM seq_1_to_"
                + points)) {
      s.setLong(1, vm);
      s.setLong(2, repository);
      s.setInt(3, daysAgo);
      s.setInt(4, daysAgo);
      s.executeUpdate();
    }
    return vm;
  }

  private static long single(Connection db, String sql) throws Exception {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static long key(Statement s) throws Exception {
    try (ResultSet keys = s.getGeneratedKeys()) {
      keys.next();
      return keys.getLong(1);
    }
  }

  private static long header(HttpResponse<?> response, String name) {
    return Long.parseLong(
        response
            .headers()
            .firstValue(name)
            .orElseThrow(() -> new AssertionError(name + " missing: " + response.headers())));
  }

  @Test
  void aPageLargerThanTheMaximumGetsTheMaximumAndTheTotal() throws Exception {
    String name = "limits-" + UUID.randomUUID().toString().substring(0, 8);
    long vm;
    try (Connection db = HubEnvironment.catalog()) {
      vm = vmWithPoints(db, name, 1200, 10);
    }
    HubApi api = HubApi.admin(deployedAt);

    HttpResponse<String> capped = api.get("backups?vm_id=" + vm + "&limit=5000");
    assertEquals(200, capped.statusCode(), capped.body());
    assertEquals(1000, HubApi.parse(capped.body()).asJsonArray().size());
    assertEquals(1000, header(capped, "X-Limit"));
    assertEquals(1200, header(capped, "X-Total-Count"));

    HttpResponse<String> rest = api.get("backups?vm_id=" + vm + "&limit=1000&offset=1000");
    assertEquals(200, HubApi.parse(rest.body()).asJsonArray().size());
    assertEquals(1200, header(rest, "X-Total-Count"));

    HttpResponse<String> byDefault = api.get("backups?vm_name=" + name);
    assertEquals(500, HubApi.parse(byDefault.body()).asJsonArray().size());
    assertEquals(1200, header(byDefault, "X-Total-Count"));

    HttpResponse<String> vms = api.get("vm-contexts?name=" + name + "&limit=100000");
    assertEquals(1000, header(vms, "X-Limit"));
    assertEquals(1, header(vms, "X-Total-Count"));
    HttpResponse<String> jobs = api.get("jobs?limit=100000");
    assertEquals(1000, header(jobs, "X-Limit"));
    HttpResponse<String> audit = api.get("audit?limit=100000");
    assertEquals(1000, header(audit, "X-Limit"));
    long entries = HubApi.parse(audit.body()).asJsonArray().size();
    assertEquals(
        entries, Math.min(1000, header(audit, "X-Total-Count")), "the total counts the page");

    HttpResponse<String> negative = api.get("backups?offset=-1");
    assertEquals(400, negative.statusCode());
    assertTrue(negative.body().contains("offset"), negative.body());
  }

  @Test
  void theRestorePageFindsAVmWhoseOnlyPointIsOlderThanThousandsOfNewerOnes() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String quiet = "quiet-" + suffix;
    long quietVm;
    try (Connection db = HubEnvironment.catalog()) {
      vmWithPoints(db, "busy-" + suffix, 5001, 1);
      quietVm = vmWithPoints(db, quiet, 1, 200);
    }
    long point =
        HubApi.admin(deployedAt).array("backups?vm_id=" + quietVm).stream()
            .map(JsonValue::asJsonObject)
            .findFirst()
            .orElseThrow()
            .getJsonNumber("id")
            .longValue();
    try (Chromium chromium = new Chromium(deployedAt)) {
      chromium.logInAsAdmin();
      chromium.browser.get(chromium.url("restore/restore.xhtml"));
      chromium.pickRestoreVm(
          quiet, quietVm, By.xpath("//ol[@id='timeline']//li[@data-point='" + point + "']"));
      chromium.screenshot("restore-old-vm");
    }
  }
}
