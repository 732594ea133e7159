package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real hub WAR on Payara Micro with real MariaDB: health, login, roles, API errors. */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class HubIT {

  @ArquillianResource URL deployedAt;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  private HubClient browserLike() {
    return new HubClient(deployedAt);
  }

  private static HttpResponse<String> get(HubClient client, String path, String... headers)
      throws IOException, InterruptedException {
    return client.get(path, headers);
  }

  private static String basic(String user, String password) {
    return HubClient.basic(user, password);
  }

  private static HttpResponse<String> formLogin(HubClient client, String user, String password)
      throws IOException, InterruptedException {
    return client.formLogin(user, password);
  }

  @Test
  void healthSaysOnlyUpToAnyoneAndShowsItsChecksToAdmins() throws Exception {
    HttpResponse<String> anyone = get(browserLike(), "health");
    assertEquals(200, anyone.statusCode(), anyone.body());
    assertEquals("{\"status\":\"UP\"}", anyone.body());

    HubClient admin = browserLike();
    assertEquals(302, formLogin(admin, "admin", HubEnvironment.adminPassword()).statusCode());
    HttpResponse<String> health = get(admin, "health");
    assertEquals(200, health.statusCode(), health.body());
    assertTrue(health.body().startsWith("{\"status\":\"UP\""), health.body());
    assertTrue(health.body().contains("\"name\":\"catalog-database\",\"status\":\"UP\""));
    assertTrue(health.body().contains("\"name\":\"plugin-folder\",\"status\":\"UP\""));
  }

  @Test
  void unauthenticatedPageRequestRedirectsToLogin() throws Exception {
    HttpResponse<String> response = get(browserLike(), "dashboard.xhtml");
    assertEquals(302, response.statusCode());
    assertTrue(
        response.headers().firstValue("Location").orElseThrow().endsWith("/login.xhtml"),
        response.headers().toString());
  }

  @Test
  void adminLogsInThroughTheFormAndSeesTheDashboard() throws Exception {
    HubClient client = browserLike();
    HttpResponse<String> login = formLogin(client, "admin", HubEnvironment.adminPassword());
    assertEquals(302, login.statusCode(), login.body());
    assertTrue(login.headers().firstValue("Location").orElseThrow().endsWith("/dashboard.xhtml"));
    HttpResponse<String> dashboard = get(client, "dashboard.xhtml");
    assertEquals(200, dashboard.statusCode());
    assertTrue(dashboard.body().contains("id=\"current-user\">admin<"), "signed in as admin");
    assertTrue(dashboard.body().contains("Protection Flows"), "menu is rendered");
    HttpResponse<String> users = get(client, "users/user-list.xhtml");
    assertEquals(200, users.statusCode(), "admins may open the Users page");
    assertTrue(users.body().contains(">admin<"), users.body());
  }

  @Test
  void wrongPasswordStaysOnTheLoginPageWithAMessage() throws Exception {
    HttpResponse<String> login = formLogin(browserLike(), "admin", "not-the-password");
    assertEquals(200, login.statusCode());
    assertTrue(login.body().contains("Wrong user name or password"), login.body());
  }

  @Test
  void viewerCannotReachAnAdminOnlyPage() throws Exception {
    String admin = basic("admin", HubEnvironment.adminPassword());
    HttpResponse<String> created =
        browserLike()
            .postJson(
                "api/v1/users",
                admin,
                "{\"username\":\"vera\",\"password\":\"viewer-password-1\","
                    + "\"roles\":[\"viewer\"]}");
    assertTrue(
        created.statusCode() == 201 || created.body().contains("already exists"), created.body());
    HubClient viewer = browserLike();
    assertEquals(302, formLogin(viewer, "vera", "viewer-password-1").statusCode());
    assertEquals(200, get(viewer, "dashboard.xhtml").statusCode());
    HttpResponse<String> users = get(viewer, "users/user-list.xhtml");
    assertEquals(403, users.statusCode());
    assertTrue(users.body().contains("Your role does not allow this page"), users.body());
    HttpResponse<String> api =
        get(viewer, "api/v1/audit", "Authorization", basic("vera", "viewer-password-1"));
    assertEquals(403, api.statusCode());
    assertTrue(
        api.body().contains("\"message\":\"Only admins may read the audit log\""), api.body());
  }

  /**
   * The users service owns role checks and audit: a change is audited once, the same way from the
   * API as from the page, and a viewer's attempt is refused and audited as denied.
   */
  @Test
  void userChangesAreAuditedOnceAndAViewersAttemptAsDenied() throws Exception {
    HubApi admin = HubApi.admin(deployedAt);
    String name = "audited-" + System.nanoTime();
    admin.post(
        "users",
        "{\"username\":\""
            + name
            + "\",\"password\":\"audited-password-1\","
            + "\"roles\":[\"viewer\"]}",
        201);
    HttpResponse<String> disabled = admin.put("users/" + name, "{\"enabled\":false}");
    assertEquals(200, disabled.statusCode(), disabled.body());
    assertTrue(disabled.body().contains("\"enabled\":false"), disabled.body());

    String viewer = "auditviewer-" + System.nanoTime();
    admin.post(
        "users",
        "{\"username\":\""
            + viewer
            + "\",\"password\":\"viewer-password-1\","
            + "\"roles\":[\"viewer\"]}",
        201);
    HttpResponse<String> refused =
        new HubApi(deployedAt, basic(viewer, "viewer-password-1"))
            .post("users", "{\"username\":\"mallory\",\"password\":\"mallory-password-1\"}");
    assertEquals(403, refused.statusCode(), refused.body());
    assertTrue(
        refused.body().contains("Only users with the admin role may add users"), refused.body());

    java.util.List<String> audited =
        admin.array("audit?limit=1000").stream()
            .map(jakarta.json.JsonValue::asJsonObject)
            .filter(
                e ->
                    name.equals(e.getString("target", null))
                        || (viewer.equals(e.getString("username", null))
                            && e.getString("action").startsWith("access.")))
            .map(
                e ->
                    String.join(
                        " ",
                        e.getString("username"),
                        e.getString("action"),
                        e.getString("target", "-"),
                        e.getString("outcome"),
                        e.getString("detail", "-")))
            .sorted()
            .toList();
    assertEquals(
        java.util.List.of(
            "admin user.create " + name + " SUCCESS roles=[viewer]",
            "admin user.update " + name + " SUCCESS enabled=false",
            viewer
                + " access.denied AccountService.add DENIED Only users with the admin role may add"
                + " users"),
        audited);
  }

  @Test
  void apiWithoutCredentialsGets401Json() throws Exception {
    HttpResponse<String> response = get(browserLike(), "api/v1/me");
    assertEquals(401, response.statusCode());
    assertTrue(
        response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    assertEquals(
        "{\"error\":\"unauthorized\",\"message\":"
            + "\"Authentication required: use HTTP Basic or a bearer token\"}",
        response.body());
  }

  @Test
  void apiAcceptsBasicAndIssuedBearerTokens() throws Exception {
    String admin = basic("admin", HubEnvironment.adminPassword());
    HttpResponse<String> me = get(browserLike(), "api/v1/me", "Authorization", admin);
    assertEquals(
        "{\"roles\":[\"admin\",\"operator\",\"viewer\"],\"username\":\"admin\"}", me.body());
    HttpResponse<String> issued =
        browserLike().postJson("api/v1/me/tokens", admin, "{\"name\":\"ci\"}");
    String token = HubApi.jsonObject(issued.body()).getString("token");
    assertTrue(token.matches("sdt_[A-Za-z0-9_-]+"), issued.body());
    HttpResponse<String> withToken =
        get(browserLike(), "api/v1/me", "Authorization", "Bearer " + token);
    assertEquals(200, withToken.statusCode());
    assertTrue(withToken.body().contains("\"username\":\"admin\""));
    assertEquals(
        401, get(browserLike(), "api/v1/me", "Authorization", "Bearer sdt_forged").statusCode());
  }

  @Test
  void usersChangeTheirOwnPasswordOnlyWithTheCurrentOne() throws Exception {
    String admin = basic("admin", HubEnvironment.adminPassword());
    browserLike()
        .postJson(
            "api/v1/users",
            admin,
            "{\"username\":\"otto\",\"password\":\"operator-pass-1\",\"roles\":[\"operator\"]}");
    String otto = basic("otto", "operator-pass-1");
    HttpResponse<String> wrong =
        browserLike()
            .postJson(
                "api/v1/me/password",
                otto,
                "{\"currentPassword\":\"nope\",\"newPassword\":\"operator-pass-2\"}");
    assertEquals(400, wrong.statusCode());
    assertTrue(wrong.body().contains("The current password is wrong"), wrong.body());
    HttpResponse<String> tooShort =
        browserLike()
            .postJson(
                "api/v1/me/password",
                otto,
                "{\"currentPassword\":\"operator-pass-1\",\"newPassword\":\"short\"}");
    assertEquals(400, tooShort.statusCode());
    HttpResponse<String> changed =
        browserLike()
            .postJson(
                "api/v1/me/password",
                otto,
                "{\"currentPassword\":\"operator-pass-1\",\"newPassword\":\"operator-pass-2\"}");
    assertEquals(204, changed.statusCode(), changed.body());
    assertEquals(401, get(browserLike(), "api/v1/me", "Authorization", otto).statusCode());
    HttpResponse<String> me =
        get(browserLike(), "api/v1/me", "Authorization", basic("otto", "operator-pass-2"));
    assertEquals("{\"roles\":[\"operator\",\"viewer\"],\"username\":\"otto\"}", me.body());
  }

  @Test
  void failedLoginsAreAudited() throws Exception {
    formLogin(browserLike(), "mallory", "guess-1");
    HttpResponse<String> audit =
        get(
            browserLike(),
            "api/v1/audit?limit=50",
            "Authorization",
            basic("admin", HubEnvironment.adminPassword()));
    assertEquals(200, audit.statusCode());
    boolean recorded =
        HubApi.objects(HubApi.parse(audit.body()).asJsonArray()).stream()
            .anyMatch(
                e ->
                    e.getString("action").equals("login")
                        && e.getString("outcome").equals("FAILURE")
                        && "mallory".equals(e.getString("username", null)));
    assertTrue(recorded, audit.body());
  }
}
