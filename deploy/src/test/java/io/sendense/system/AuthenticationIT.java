package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Authentication of the real hub under parallel calls and revocation: parallel requests with one
 * user's credentials, sessions that end when the user is disabled or the password changes, roles
 * applied to open sessions, API tokens with expiry and revocation, the API decided by the servlet
 * path, throttled and aggregated failed logins.
 */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class AuthenticationIT {
  private static final String PASSWORD = "first-password-1";

  @ArquillianResource URL deployedAt;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  private HubApi admin() throws Exception {
    return HubApi.admin(deployedAt);
  }

  /** A new user with {@code roles} and {@link #PASSWORD}; returns the name. */
  private String newUser(String prefix, String... roles) throws Exception {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    String list = String.join("\",\"", roles);
    admin()
        .post(
            "users",
            "{\"username\":\""
                + name
                + "\",\"password\":\""
                + PASSWORD
                + "\",\"roles\":[\""
                + list
                + "\"]}",
            201);
    return name;
  }

  private HubClient loggedIn(String user, String password) throws Exception {
    HubClient client = new HubClient(deployedAt);
    HttpResponse<String> login = client.formLogin(user, password);
    assertEquals(302, login.statusCode(), login.body());
    assertEquals(200, client.get("dashboard.xhtml").statusCode());
    return client;
  }

  private static void assertSentToLogin(HubClient client) throws Exception {
    HttpResponse<String> page = client.get("dashboard.xhtml");
    assertEquals(302, page.statusCode(), "the session must have ended");
    assertTrue(page.headers().firstValue("Location").orElseThrow().endsWith("/login.xhtml"));
  }

  private String token(String user) throws Exception {
    return new HubApi(deployedAt, HubClient.basic(user, PASSWORD))
        .post("me/tokens", "{\"name\":\"t\"}", 201)
        .getString("token");
  }

  @Test
  void parallelReadsAndWritesWithTheSameCredentialsAllSucceed() throws Exception {
    String basic = HubClient.admin();
    String bearer =
        "Bearer " + admin().post("me/tokens", "{\"name\":\"parallel\"}", 201).getString("token");
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<List<String>>> clients = new ArrayList<>();
      for (int c = 0; c < 16; c++) {
        HubApi api = new HubApi(deployedAt, c % 2 == 0 ? basic : bearer);
        int client = c;
        clients.add(pool.submit(() -> parallelClient(api, client)));
      }
      List<String> failures = new ArrayList<>();
      for (Future<List<String>> f : clients) {
        failures.addAll(f.get());
      }
      assertEquals(List.of(), failures, "every call of 16 parallel clients answers 2xx");
    } finally {
      pool.shutdownNow();
    }
  }

  /** Reads and writes of one client; returns the calls that did not answer 2xx. */
  private static List<String> parallelClient(HubApi api, int client) throws Exception {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      check(failures, "me", api.get("me"));
      check(failures, "vm-contexts", api.get("vm-contexts"));
      check(failures, "backups", api.get("backups?limit=20"));
      String name = "parallel-" + client + "-" + i + "-" + UUID.randomUUID();
      HttpResponse<String> created = api.post("protection-groups", "{\"name\":\"" + name + "\"}");
      check(failures, "create group", created);
      if (created.statusCode() == 201) {
        long id = HubApi.parse(created.body()).asJsonObject().getJsonNumber("id").longValue();
        check(failures, "delete group", api.delete("protection-groups/" + id));
      }
    }
    return failures;
  }

  private static void check(List<String> failures, String call, HttpResponse<String> response) {
    if (response.statusCode() / 100 != 2) {
      failures.add(call + " -> " + response.statusCode() + " " + response.body());
    }
  }

  @Test
  void disablingAUserEndsTheirSessionsTokensAndBasicCalls() throws Exception {
    String dora = newUser("dora", "operator");
    HubClient session = loggedIn(dora, PASSWORD);
    String token = token(dora);
    HubApi withToken = new HubApi(deployedAt, "Bearer " + token);
    assertEquals(200, withToken.get("me").statusCode());

    HttpResponse<String> disabled = admin().put("users/" + dora, "{\"enabled\":false}");
    assertEquals(200, disabled.statusCode(), disabled.body());

    assertSentToLogin(session);
    assertEquals(401, withToken.get("me").statusCode());
    assertEquals(
        401, new HubApi(deployedAt, HubClient.basic(dora, PASSWORD)).get("me").statusCode());
    assertEquals(
        200,
        new HubClient(deployedAt).formLogin(dora, PASSWORD).statusCode(),
        "the login form stays on the page with an error");
  }

  @Test
  void aPasswordChangeEndsTheUsersOtherSessionsButNotTheOneThatChangedIt() throws Exception {
    String paula = newUser("paula", "viewer");
    HubClient changer = loggedIn(paula, PASSWORD);
    HubClient other = loggedIn(paula, PASSWORD);
    HttpResponse<String> changed =
        changer.submitForm(
            "account/password.xhtml",
            "password",
            "change",
            Map.of(
                "current", PASSWORD,
                "replacement", "second-password-2",
                "confirmation", "second-password-2"));
    assertEquals(200, changed.statusCode());
    assertTrue(changed.body().contains("Password changed"), changed.body());

    assertEquals(200, changer.get("dashboard.xhtml").statusCode(), "the changer stays in");
    assertSentToLogin(other);
    assertEquals(
        401, new HubApi(deployedAt, HubClient.basic(paula, PASSWORD)).get("me").statusCode());
  }

  @Test
  void roleChangesApplyToAnOpenSession() throws Exception {
    String victor = newUser("victor", "viewer");
    HubClient session = loggedIn(victor, PASSWORD);
    assertEquals(403, session.get("users/user-list.xhtml").statusCode());

    HttpResponse<String> promoted = admin().put("users/" + victor, "{\"roles\":[\"admin\"]}");
    assertEquals(200, promoted.statusCode(), promoted.body());
    assertEquals(200, session.get("users/user-list.xhtml").statusCode(), "admin now");

    admin().put("users/" + victor, "{\"roles\":[\"viewer\"]}");
    assertEquals(403, session.get("users/user-list.xhtml").statusCode(), "viewer again");
  }

  @Test
  void apiTokensExpireByDefaultAndAreListedAndRevoked() throws Exception {
    String tina = newUser("tina", "operator");
    HubApi tinaApi = new HubApi(deployedAt, HubClient.basic(tina, PASSWORD));
    JsonObject issued = tinaApi.post("me/tokens", "{\"name\":\"ci\"}", 201);
    Instant expires = Instant.parse(issued.getString("expiresAt"));
    Duration validity = Duration.between(Instant.now(), expires);
    assertTrue(
        validity.compareTo(Duration.ofDays(89)) > 0 && validity.compareTo(Duration.ofDays(90)) <= 0,
        "90 days by default: " + expires);
    HubApi withToken = new HubApi(deployedAt, "Bearer " + issued.getString("token"));
    assertEquals(200, withToken.get("me").statusCode());

    JsonObject listed = tinaApi.array("me/tokens").getJsonObject(0);
    assertEquals(issued.getJsonNumber("id").longValue(), listed.getJsonNumber("id").longValue());
    assertEquals("ci", listed.getString("name"));
    assertFalse(listed.containsKey("token"), "the token is shown once only: " + listed);

    HttpResponse<String> tooLong =
        tinaApi.post("me/tokens", "{\"name\":\"x\",\"expiresInDays\":5000}");
    assertEquals(400, tooLong.statusCode());
    assertTrue(tooLong.body().contains("expiresInDays"), tooLong.body());

    long id = issued.getJsonNumber("id").longValue();
    String other = newUser("other", "viewer");
    HubApi otherApi = new HubApi(deployedAt, HubClient.basic(other, PASSWORD));
    assertEquals(404, otherApi.delete("me/tokens/" + id).statusCode(), "not someone else's");
    assertEquals(403, otherApi.get("tokens").statusCode(), "viewers list no tokens");
    assertEquals(200, withToken.get("me").statusCode());

    assertEquals(204, tinaApi.delete("me/tokens/" + id).statusCode());
    assertEquals(401, withToken.get("me").statusCode(), "revoked at once");

    String second = tinaApi.post("me/tokens", "{\"name\":\"ci2\"}", 201).getString("token");
    HubApi withSecond = new HubApi(deployedAt, "Bearer " + second);
    long secondId =
        admin().array("tokens").stream()
            .map(JsonValue::asJsonObject)
            .filter(t -> t.getString("username").equals(tina) && t.getString("name").equals("ci2"))
            .findFirst()
            .orElseThrow()
            .getJsonNumber("id")
            .longValue();
    assertEquals(204, admin().delete("tokens/" + secondId).statusCode());
    assertEquals(401, withSecond.get("me").statusCode(), "revoked by an admin");
  }

  @Test
  void theApiNeverTakesThePageSessionWhateverTheUriLooksLike() throws Exception {
    HubClient browser = loggedIn("admin", HubEnvironment.adminPassword());
    for (String path : List.of("api/v1/me", "api;x/v1/me", "api/v1;x/me", "%61pi/v1/me")) {
      HttpResponse<String> response = browser.get(path);
      assertEquals(401, response.statusCode(), path + ": " + response.body());
      assertEquals(
          List.of("Bearer realm=\"Sendense\""),
          response.headers().allValues("WWW-Authenticate"),
          path);
    }
  }

  @Test
  void repeatedFailedLoginsAreThrottledAndAuditedInAggregate() throws Exception {
    String mallory = "mallory-" + UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> login = new HubClient(deployedAt).formLogin(mallory, "guess-" + i);
      assertTrue(login.body().contains("Wrong user name or password"), login.body());
    }
    HttpResponse<String> refused = new HubClient(deployedAt).formLogin(mallory, "guess-6");
    assertTrue(refused.body().contains("Too many failed logins"), refused.body());

    List<JsonObject> rows =
        admin().array("audit?limit=1000").stream()
            .map(JsonValue::asJsonObject)
            .filter(e -> mallory.equals(e.getString("username", null)))
            .toList();
    assertEquals(
        1,
        rows.stream()
            .filter(e -> e.getString("outcome").equals("FAILURE"))
            .filter(e -> !e.containsKey("detail") || e.isNull("detail"))
            .count(),
        "the first failure is audited at once: " + rows);
    assertEquals(
        1,
        rows.stream()
            .filter(e -> e.getString("outcome").equals("DENIED"))
            .filter(e -> e.getString("detail", "").startsWith("throttled after"))
            .count(),
        "the refusal is audited once: " + rows);
    assertTrue(rows.size() < 6, "six attempts are aggregated: " + rows);
  }
}
