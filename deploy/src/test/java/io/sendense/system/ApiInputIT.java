package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input on every JSON endpoint of the real hub answers a JSON 4xx naming what to fix, never a
 * 5xx or an HTML page: malformed JSON, bodies that are not objects, missing fields, wrong types,
 * huge strings, unknown ids. Also the request rules every POST obeys (JSON or the custom header;
 * bodies of at most 1 MiB) and the safety headers of pages and API.
 */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class ApiInputIT {
  private static final String HUGE = "x".repeat(5000);
  private static final long UNKNOWN = 987_654_321L;

  @ArquillianResource URL deployedAt;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  /** One JSON endpoint: its method, path, a well-formed body, and its string and number fields. */
  private record Endpoint(
      String method,
      String path,
      Map<String, JsonValue> body,
      List<String> strings,
      List<String> numbers) {
    JsonObject with(String field, JsonValue value) {
      JsonObjectBuilder b = Json.createObjectBuilder();
      body.forEach((k, v) -> b.add(k, k.equals(field) ? value : v));
      if (!body.containsKey(field)) {
        b.add(field, value);
      }
      return b.build();
    }
  }

  private static JsonValue s(String value) {
    return Json.createValue(value);
  }

  private static JsonValue n(long value) {
    return Json.createValue(value);
  }

  private static Map<String, JsonValue> body(Object... pairs) {
    Map<String, JsonValue> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], (JsonValue) pairs[i + 1]);
    }
    return map;
  }

  private List<Endpoint> endpoints(HubApi admin) throws Exception {
    long repository = BackupFixture.localId(admin);
    // A flow needs a group with a member: one VM of a source of its own, loaded with SQL.
    String vm = "fuzz-vm-" + UUID.randomUUID();
    try (java.sql.Connection db = HubEnvironment.catalog();
        java.sql.PreparedStatement source =
            db.prepareStatement(
                "INSERT INTO sources (name, plugin_id, host, username) VALUES (?, 'vmware', ?, 'x')",
                java.sql.Statement.RETURN_GENERATED_KEYS)) {
      source.setString(1, vm);
      source.setString(2, vm + ".invalid");
      source.executeUpdate();
      try (java.sql.ResultSet key = source.getGeneratedKeys();
          java.sql.PreparedStatement insert =
              db.prepareStatement(
                  "INSERT INTO vm_contexts (source_id, moref, name) VALUES (?, 'vm-1', ?)")) {
        key.next();
        insert.setLong(1, key.getLong(1));
        insert.setString(2, vm);
        insert.executeUpdate();
      }
    }
    long group =
        admin
            .post(
                "protection-groups",
                "{\"name\":\"fuzz-"
                    + UUID.randomUUID()
                    + "\",\"membershipRule\":\"name:"
                    + vm
                    + "\"}",
                201)
            .getJsonNumber("id")
            .longValue();
    long flow =
        admin
            .post(
                "protection-flows",
                "{\"name\":\"fuzz-"
                    + UUID.randomUUID()
                    + "\",\"targetGroupId\":"
                    + group
                    + ",\"repositoryId\":"
                    + repository
                    + "}",
                201)
            .getJsonNumber("id")
            .longValue();
    long policy =
        admin
            .post("policies", "{\"name\":\"fuzz-" + UUID.randomUUID() + "\"}", 201)
            .getJsonNumber("id")
            .longValue();
    String user = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
    admin.post(
        "users",
        "{\"username\":\"" + user + "\",\"password\":\"fuzz-password-1\",\"roles\":[\"viewer\"]}",
        201);
    Map<String, JsonValue> groupBody =
        body(
            "name", s("g"),
            "description", s("d"),
            "defaultSchedule", s("0 2 * * *"),
            "defaultRepositoryId", n(repository),
            "membershipRule", s("name:web-*"));
    Map<String, JsonValue> flowBody =
        body(
            "name", s("f"),
            "targetGroupId", n(group),
            "repositoryId", n(repository),
            "schedule", s("0 3 * * *"),
            "timeZone", s("UTC"),
            "retentionCount", n(7));
    Map<String, JsonValue> repositoryBody =
        body(
            "name",
            s("r"),
            "type",
            s("local"),
            "config",
            Json.createObjectBuilder().add("path", "/tmp/x").build());
    Map<String, JsonValue> sourceBody =
        body(
            "name",
            s("s"),
            "type",
            s("vmware"),
            "config",
            Json.createObjectBuilder()
                .add("host", "vc.invalid")
                .add("username", "u")
                .add("password", "p")
                .build());
    Map<String, JsonValue> policyBody =
        body(
            "name",
            s("p"),
            "description",
            s("d"),
            "copyRules",
            Json.createArrayBuilder()
                .add(
                    Json.createObjectBuilder()
                        .add("repositoryId", repository)
                        .add("when", "DAILY")
                        .add("retention", Json.createObjectBuilder().add("last", 3)))
                .build());
    List<String> groupStrings = List.of("name", "description", "defaultSchedule", "membershipRule");
    List<String> flowStrings = List.of("name", "schedule", "timeZone");
    return List.of(
        new Endpoint(
            "POST", "protection-groups", groupBody, groupStrings, List.of("defaultRepositoryId")),
        new Endpoint(
            "PUT",
            "protection-groups/" + group,
            groupBody,
            groupStrings,
            List.of("defaultRepositoryId")),
        new Endpoint(
            "POST",
            "protection-groups/" + group + "/members",
            body("vmIds", Json.createArrayBuilder().add(UNKNOWN).build(), "priority", n(100)),
            List.of(),
            List.of("priority")),
        new Endpoint(
            "POST",
            "protection-flows",
            flowBody,
            flowStrings,
            List.of("targetGroupId", "repositoryId", "retentionCount", "policyId")),
        new Endpoint(
            "PUT",
            "protection-flows/" + flow,
            flowBody,
            flowStrings,
            List.of("targetGroupId", "repositoryId", "retentionCount", "policyId")),
        new Endpoint(
            "POST",
            "protection-flows/bulk-enable",
            body("ids", Json.createArrayBuilder().add(UNKNOWN).build()),
            List.of(),
            List.of()),
        new Endpoint(
            "POST",
            "repositories",
            repositoryBody,
            List.of("name", "type"),
            List.of("immutableDays")),
        new Endpoint("POST", "repositories/test", repositoryBody, List.of("type"), List.of()),
        new Endpoint("POST", "sources", sourceBody, List.of("name", "type"), List.of()),
        new Endpoint("POST", "sources/test", sourceBody, List.of("type"), List.of()),
        new Endpoint(
            "POST",
            "sources/" + UNKNOWN + "/trust",
            body("thumbprint", s("ab")),
            List.of("thumbprint"),
            List.of()),
        new Endpoint(
            "POST",
            "backups",
            body("vmId", n(UNKNOWN), "repositoryId", n(repository), "type", s("auto")),
            List.of("type"),
            List.of("vmId", "repositoryId")),
        new Endpoint("POST", "policies", policyBody, List.of("name", "description"), List.of()),
        new Endpoint(
            "PUT", "policies/" + policy, policyBody, List.of("name", "description"), List.of()),
        new Endpoint(
            "POST",
            "backups/" + UNKNOWN + "/copy",
            body("repositoryId", n(repository), "mode", s("FULL")),
            List.of("mode"),
            List.of("repositoryId")),
        new Endpoint(
            "POST",
            "backups/" + UNKNOWN + "/immutable",
            body("until", s("2030-01-31T00:00:00Z")),
            List.of("until"),
            List.of("days")),
        new Endpoint(
            "POST",
            "restore/mounts",
            body("backupId", n(UNKNOWN), "diskIndex", n(0)),
            List.of(),
            List.of("backupId", "diskIndex")),
        new Endpoint(
            "POST",
            "users",
            body(
                "username", s("u" + UUID.randomUUID().toString().substring(0, 8)),
                "password", s("fuzz-password-2"),
                "roles", Json.createArrayBuilder().add("viewer").build()),
            List.of("username", "password"),
            List.of()),
        new Endpoint("PUT", "users/" + user, body("enabled", JsonValue.TRUE), List.of(), List.of()),
        new Endpoint(
            "POST",
            "me/tokens",
            body("name", s("t"), "expiresInDays", n(5)),
            List.of("name"),
            List.of("expiresInDays")),
        new Endpoint(
            "POST",
            "me/password",
            body("currentPassword", s("wrong-password-1"), "newPassword", s("another-password-1")),
            List.of("currentPassword", "newPassword"),
            List.of()));
  }

  @Test
  void badInputOnEveryJsonEndpointIsAJson4xxNamingWhatToFix() throws Exception {
    HubApi admin = HubApi.admin(deployedAt);
    HubClient client = new HubClient(deployedAt);
    String auth = HubClient.admin();
    List<String> failures = new ArrayList<>();
    for (Endpoint e : endpoints(admin)) {
      for (String raw : List.of("{\"name\": ", "[1,2]", "\"text\"", "42", "", "{}")) {
        if (raw.equals("{}") && e.path().equals("me/tokens")) {
          continue; // every field of a new token has a default (name "api", default expiry)
        }
        check(failures, e, "body " + raw, send(client, auth, e, raw), null);
      }
      for (String field : e.strings()) {
        check(
            failures,
            e,
            field + " huge",
            send(client, auth, e, e.with(field, s(HUGE)).toString()),
            field);
        JsonValue object = Json.createObjectBuilder().add("a", 1).build();
        check(
            failures,
            e,
            field + " object",
            send(client, auth, e, e.with(field, object).toString()),
            field);
      }
      for (String field : e.numbers()) {
        check(
            failures,
            e,
            field + " text",
            send(client, auth, e, e.with(field, s("abc")).toString()),
            field);
        if (field.endsWith("Id")) {
          check(
              failures,
              e,
              field + " unknown",
              send(client, auth, e, e.with(field, n(UNKNOWN)).toString()),
              null);
        }
      }
    }
    assertEquals(List.of(), failures, failures.size() + " bad answers");
  }

  @Test
  void valuesOutOfRangeInPoliciesCopiesAndLocksAre400NamingTheField() throws Exception {
    HubApi admin = HubApi.admin(deployedAt);
    HubClient client = new HubClient(deployedAt);
    String auth = HubClient.admin();
    long repository = BackupFixture.localId(admin);
    String name = "range-" + UUID.randomUUID();
    Map<String, String> cases = new LinkedHashMap<>();
    String rule = "{\"repositoryId\":" + repository;
    cases.put(
        "policies {\"name\":\"" + name + "\",\"copyRules\":[" + rule + ",\"when\":\"HOURLY\"}]}",
        "copyRules[0].when");
    cases.put(
        "policies {\"name\":\"" + name + "\",\"copyRules\":[" + rule + ",\"mode\":\"SOME\"}]}",
        "copyRules[0].mode");
    cases.put(
        "policies {\"name\":\""
            + name
            + "\",\"copyRules\":["
            + rule
            + ",\"retention\":{\"daily\":-1}}]}",
        "copyRules[0].retention.daily");
    cases.put(
        "policies {\"name\":\"" + name + "\",\"copyRules\":[{\"repositoryId\":" + UNKNOWN + "}]}",
        "copyRules[0].repositoryId");
    cases.put(
        "policies {\"name\":\"" + name + "\",\"copyRules\":[" + rule + "}," + rule + "}]}",
        "copyRules[1]");
    cases.put("policies {\"name\":\"" + "n".repeat(129) + "\"}", "name");
    cases.put(
        "repositories {\"name\":\""
            + name
            + "\",\"type\":\"local\",\"config\":{\"path\":\"/tmp/"
            + name
            + "\"},\"immutableDays\":-1}",
        "immutableDays");
    cases.put(
        "repositories {\"name\":\""
            + name
            + "\",\"type\":\"local\",\"config\":{\"path\":\"/tmp/"
            + name
            + "\"},\"immutableDays\":3651}",
        "immutableDays");
    cases.put(
        "backups/" + UNKNOWN + "/copy {\"repositoryId\":" + repository + ",\"mode\":\"X\"}",
        "mode");
    cases.put("backups/" + UNKNOWN + "/immutable {\"days\":0}", "days");
    cases.put("backups/" + UNKNOWN + "/immutable {\"until\":\"next week\"}", "until");
    cases.put(
        "backups/" + UNKNOWN + "/immutable {\"until\":\"2030-01-31T00:00:00Z\",\"days\":3}",
        "until");
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, String> c : cases.entrySet()) {
      int space = c.getKey().indexOf(' ');
      Endpoint e =
          new Endpoint("POST", c.getKey().substring(0, space), Map.of(), List.of(), List.of());
      HttpResponse<String> response = send(client, auth, e, c.getKey().substring(space + 1));
      if (response.statusCode() != 400) {
        failures.add(c.getKey() + ": " + response.statusCode() + " " + response.body());
        continue;
      }
      check(failures, e, c.getKey(), response, c.getValue());
    }
    assertEquals(List.of(), failures, failures.size() + " bad answers");
    assertEquals(
        0,
        admin.array("policies").stream()
            .filter(p -> p.asJsonObject().getString("name").equals(name))
            .count(),
        "no refused policy was saved");
  }

  private static HttpResponse<String> send(HubClient client, String auth, Endpoint e, String body)
      throws Exception {
    String path = "api/v1/" + e.path();
    return e.method().equals("PUT")
        ? client.put(path, "application/json", body, "Authorization", auth)
        : client.post(path, "application/json", body, "Authorization", auth);
  }

  /** Records what is wrong with an answer: not a 4xx, not JSON, or not naming {@code field}. */
  private static void check(
      List<String> failures, Endpoint e, String what, HttpResponse<String> response, String field) {
    String where = e.method() + " " + e.path() + " (" + what + "): " + response.statusCode() + " ";
    String body =
        response.body().length() > 300 ? response.body().substring(0, 300) : response.body();
    if (response.statusCode() < 400 || response.statusCode() >= 500) {
      failures.add(where + body);
      return;
    }
    if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
      failures.add(where + "not JSON: " + body);
      return;
    }
    JsonObject json;
    try {
      json = HubApi.parse(response.body()).asJsonObject();
    } catch (RuntimeException notJson) {
      failures.add(where + "unparsable: " + body);
      return;
    }
    if (!json.containsKey("error") || json.getString("message", "").isBlank()) {
      failures.add(where + "no error and message: " + body);
      return;
    }
    if (field != null
        && !json.getString("message")
            .toLowerCase(Locale.ROOT)
            .contains(field.toLowerCase(Locale.ROOT))) {
      failures.add(where + "does not name " + field + ": " + body);
    }
  }

  @Test
  void apiPostsNeedJsonOrTheCustomHeader() throws Exception {
    HubClient client = new HubClient(deployedAt);
    String auth = HubClient.admin();
    for (String type :
        List.of(
            "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
      HttpResponse<String> refused =
          client.post(
              "api/v1/protection-groups", type, "{\"name\":\"csrf\"}", "Authorization", auth);
      assertEquals(415, refused.statusCode(), type + ": " + refused.body());
      assertTrue(refused.body().contains("application/json"), refused.body());
      assertTrue(refused.body().contains("X-Sendense-Request"), refused.body());
    }
    HttpResponse<String> bodiless =
        client.post(
            "api/v1/plugins/reload",
            "text/plain",
            "",
            "Authorization",
            auth,
            "X-Sendense-Request",
            "1");
    assertEquals(200, bodiless.statusCode(), bodiless.body());
  }

  @Test
  void readingARepositorysStorageChangesNothingAndViewersMayReadIt() throws Exception {
    HubApi admin = HubApi.admin(deployedAt);
    long local = BackupFixture.localId(admin);
    String viewer = "storage-" + UUID.randomUUID().toString().substring(0, 8);
    admin.post(
        "users",
        "{\"username\":\""
            + viewer
            + "\",\"password\":\"viewer-password-1\",\"roles\":[\"viewer\"]}",
        201);
    HubApi viewerApi = new HubApi(deployedAt, HubClient.basic(viewer, "viewer-password-1"));
    JsonObject refreshed = admin.post("repositories/" + local + "/refresh-storage", "", 200);
    String checkedAt =
        java.time.Instant.parse(refreshed.getString("capacityCheckedAt"))
            .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
            .toString();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> read = viewerApi.get("repositories/" + local + "/storage");
      assertEquals(200, read.statusCode(), read.body());
      assertEquals(
          checkedAt,
          java.time.Instant.parse(
                  HubApi.parse(read.body()).asJsonObject().getString("capacityCheckedAt"))
              .toString(),
          "a GET does not measure again");
    }
    assertEquals(
        403, viewerApi.post("repositories/" + local + "/refresh-storage", "").statusCode());
  }

  @Test
  void bodiesLargerThanOneMebibyteAre413() throws Exception {
    HttpResponse<String> response =
        new HubClient(deployedAt)
            .post(
                "api/v1/protection-groups",
                "application/json",
                "{\"name\":\"" + "y".repeat(2 << 20) + "\"}",
                "Authorization",
                HubClient.admin());
    assertEquals(413, response.statusCode(), response.body());
    assertTrue(response.body().startsWith("{\"error\":\"payload_too_large\""), response.body());
  }

  @Test
  void pagesAndApiCarryTheSafetyHeadersAndTheCookieIsStrict() throws Exception {
    HubClient client = new HubClient(deployedAt);
    HttpResponse<String> page = client.get("login.xhtml");
    HttpResponse<String> api = client.get("api/v1/me", "Authorization", HubClient.admin());
    for (HttpResponse<String> r : List.of(page, api)) {
      assertEquals(
          "DENY", r.headers().firstValue("X-Frame-Options").orElse(""), r.uri().toString());
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
      assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""));
      assertTrue(
          r.headers().allValues("Content-Security-Policy").stream()
              .anyMatch(p -> p.contains("frame-ancestors 'none'")),
          r.headers().toString());
      assertTrue(r.headers().firstValue("Strict-Transport-Security").isEmpty(), "plain HTTP");
    }
    assertTrue(
        page.headers().allValues("Content-Security-Policy").stream()
            .anyMatch(p -> p.contains("script-src") && p.contains("nonce-")),
        "PrimeFaces' script policy: " + page.headers());
    assertEquals("no-store", api.headers().firstValue("Cache-Control").orElse(""));
    String cookie =
        page.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("JSESSIONID="))
            .findFirst()
            .orElseThrow(() -> new AssertionError(page.headers().toString()));
    assertTrue(
        cookie.contains("HttpOnly")
            && cookie.toLowerCase(java.util.Locale.ROOT).contains("samesite=strict"),
        cookie);
  }
}
