package io.sendense.system;

import static io.sendense.system.FlowFixture.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /metrics} of the real hub: credentials required unless opened, values from the catalog.
 */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class MetricsIT {
  @ArquillianResource URL deployedAt;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  private static double value(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
    assertTrue(m.find(), "no " + series + " in:\n" + text);
    return Double.parseDouble(m.group(1));
  }

  private static long catalog(String sql) throws Exception {
    try (Connection db = HubEnvironment.catalog();
        Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void afterOneBackupTheMetricsShowTheCatalogsNumbers() throws Exception {
    HubClient hub = new HubClient(deployedAt);
    try (FlowFixture fixture = FlowFixture.start(hub)) {
      Path folder =
          Path.of(System.getProperty("sendense.it.workdir"), "repo-metrics-" + UUID.randomUUID());
      long repo = fixture.localRepository(folder);
      String repoName =
          field(
              hub.get("api/v1/repositories/" + repo, "Authorization", HubClient.admin()).body(),
              "name");
      String flowName = "metrics-" + UUID.randomUUID();
      long flow =
          fixture.flow(
              "{\"name\":\""
                  + flowName
                  + "\",\"targetVmId\":"
                  + fixture.vm("DC0_H0_VM1")
                  + ",\"repositoryId\":"
                  + repo
                  + "}");
      fixture.runOnce(flow, "SUCCESS", Duration.ofMinutes(4));
      hub.postJson("api/v1/repositories/" + repo + "/refresh-storage", HubClient.admin(), "");

      // The capacity sampler may refresh the repository between the scrape and a read of the
      // catalog: the scrape must show the free space read just before or just after it.
      long freeBefore = catalog("SELECT capacity_free_bytes FROM repositories WHERE id = " + repo);
      HttpResponse<String> scraped = hub.get("metrics", "Authorization", HubClient.admin());
      long freeAfter = catalog("SELECT capacity_free_bytes FROM repositories WHERE id = " + repo);
      assertEquals(200, scraped.statusCode(), scraped.body());
      assertTrue(
          scraped.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
          scraped.headers().toString());
      String text = scraped.body();
      long written =
          catalog("SELECT SUM(bytes_written) FROM backups WHERE copy_of_backup_id IS NULL");
      long read = catalog("SELECT SUM(bytes_read) FROM backups WHERE copy_of_backup_id IS NULL");
      assertTrue(written > 0, "the backup wrote something");
      assertEquals((double) written, value(text, "sendense_backup_written_bytes"));
      assertEquals((double) read, value(text, "sendense_backup_read_bytes"));
      double free = value(text, "sendense_repository_free_bytes{repository=\"" + repoName + "\"}");
      assertTrue(
          free == freeBefore || free == freeAfter,
          "scraped free bytes " + free + ", catalog before " + freeBefore + ", after " + freeAfter);
      assertEquals(1.0, value(text, "sendense_flow_has_good_point{flow=\"" + flowName + "\"}"));
      double age =
          value(text, "sendense_flow_last_good_point_age_seconds{flow=\"" + flowName + "\"}");
      assertTrue(age >= 0 && age < 600, "age of a point made minutes ago: " + age);
      assertEquals(0.0, value(text, "sendense_jobs{state=\"running\",type=\"backup\"}"));
      assertEquals(
          (double) catalog("SELECT COUNT(*) FROM backup_jobs WHERE status = 'FAILED'"),
          value(text, "sendense_jobs{state=\"failed\",type=\"backup\"}"));
      assertEquals(0.0, value(text, "sendense_restore_sessions_open"));
    }
  }

  @Test
  void withoutCredentialsMetricsAnswer401UntilAnAdminOpensThem() throws Exception {
    HubClient hub = new HubClient(deployedAt);
    HttpResponse<String> anonymous = hub.get("metrics");
    assertEquals(401, anonymous.statusCode(), anonymous.body());
    assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    assertEquals(
        401, hub.get("metrics", "Authorization", HubClient.basic("admin", "wrong")).statusCode());

    HttpResponse<String> open =
        hub.put(
            "api/v1/settings/metrics",
            "application/json",
            "{\"isPublic\":true}",
            "Authorization",
            HubClient.admin());
    assertEquals(200, open.statusCode(), open.body());
    try {
      HttpResponse<String> opened = hub.get("metrics");
      assertEquals(200, opened.statusCode(), opened.body());
      assertTrue(opened.body().contains("# TYPE sendense_jobs gauge"), opened.body());
    } finally {
      hub.put(
          "api/v1/settings/metrics",
          "application/json",
          "{\"isPublic\":false}",
          "Authorization",
          HubClient.admin());
    }
    assertEquals(401, hub.get("metrics").statusCode());
    String audit = hub.get("api/v1/audit?limit=20", "Authorization", HubClient.admin()).body();
    assertTrue(audit.contains("settings.metrics"), audit);
  }
}
