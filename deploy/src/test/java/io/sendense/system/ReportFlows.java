package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * The report tests' fixture: a six-hourly flow that backs up {@code DC0_H0_VM0} into a fresh local
 * repository and a daily flow of {@code DC0_C0_RP0_VM0} whose repository's folder is gone, each run
 * once through the API (SUCCESS and FAILED), and a viewer to read the reports as.
 *
 * @param good the VM the six-hourly flow backs up
 * @param bad the VM the daily flow fails to back up
 */
record ReportFlows(long good, long bad, long ok, long failing, String okName, String badName) {

  /** A user with the viewer role only. */
  record Viewer(String name, String password) {
    String authorization() {
      return HubClient.basic(name, password);
    }
  }

  /** Creates both flows and runs each once; their repositories are made under the work folder. */
  static ReportFlows ranOnce(HubClient hub, FlowFixture fixture) throws Exception {
    Path work = Path.of(System.getProperty("sendense.it.workdir"));
    long repo = fixture.localRepository(work.resolve("repo-reports-" + UUID.randomUUID()));
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
    fixture.runOnce(ok, "SUCCESS", Duration.ofMinutes(4));
    fixture.runOnce(failing, "FAILED", Duration.ofMinutes(4));
    return new ReportFlows(good, bad, ok, failing, okName, badName);
  }

  /** A new user with the viewer role only. */
  static Viewer viewer(HubClient hub) throws Exception {
    String name = "rita" + System.nanoTime();
    String password = "password-for-" + name;
    HttpResponse<String> user =
        hub.postJson(
            "api/v1/users",
            HubClient.admin(),
            "{\"username\":\""
                + name
                + "\",\"password\":\""
                + password
                + "\",\"roles\":[\"viewer\"]}");
    assertEquals(201, user.statusCode(), user.body());
    return new Viewer(name, password);
  }

  static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }

  /** The element of {@code report}'s array {@code list} whose {@code key} is {@code id}. */
  static JsonObject row(JsonObject report, String list, String key, long id) {
    for (JsonValue v : report.getJsonArray(list)) {
      if (v.asJsonObject().getJsonNumber(key).longValue() == id) {
        return v.asJsonObject();
      }
    }
    throw new AssertionError("no " + key + " " + id + " in " + report);
  }
}
