package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sendense.plugin.testkit.VcsimProcess;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same {@code sendense.war} on WildFly instead of Payara Micro: {@code
 * deploy/wildfly/configure.sh} prepares the unpacked {@code wildfly-dist} against this JVM's
 * MariaDB (catalog and JBeret's job repository), the WAR is deployed as {@code ROOT.war}, and a
 * user logs in, adds the vcsim source and a local repository and backs up a VM whose points match
 * its disks under {@code qemu-img compare}. Runs in the {@code wildfly} failsafe execution only.
 */
@ExtendWith(HubEnvironment.class)
class WildFlyIT {
  private static final String VC_USER = "administrator";
  private static final String VC_PASSWORD = "vcsim-WildFly-1";
  private static final String PASSWORD = "WildFly-user-1";
  private static final long DISK = 64L << 20;
  private static final String VM = "DC0_H0_VM0";

  private static WildFlyServer server;
  private static int nodesPort;
  private static VcsimProcess vcsim;

  @BeforeAll
  static void deployOnWildFly() throws Exception {
    String wildfly = System.getProperty("sendense.it.wildfly.home");
    assumeTrue(wildfly != null, "only in the wildfly failsafe execution");
    Path home = Path.of(wildfly);
    Path sendense = Path.of(System.getProperty("sendense.home"));
    Path work = Path.of(System.getProperty("sendense.it.workdir"));
    HubEnvironment.Database db = HubEnvironment.database();
    WildFlyServer.configure(
        Path.of(System.getProperty("sendense.it.wildfly.configure")),
        home,
        Map.of(
            "SENDENSE_DB_URL", db.catalogUrl(),
            "SENDENSE_BATCH_DB_URL", db.batchUrl(),
            "SENDENSE_DB_USER", db.user(),
            "SENDENSE_DB_PASSWORD", db.password(),
            "SENDENSE_DATA_DIR", HubEnvironment.dataDir().toString(),
            "MARIADB_JDBC_JAR", sendense.resolve("runtime/mariadb-java-client.jar").toString(),
            "ECLIPSELINK_JAR", System.getProperty("sendense.it.wildfly.eclipselink")),
        work.resolve("configure.log"));
    try (var socket = new java.net.ServerSocket(0)) {
      nodesPort = socket.getLocalPort();
    }
    server =
        WildFlyServer.start(
            home,
            sendense.resolve("sendense.war"),
            Map.of(
                "sendense.nodes.port",
                Integer.toString(nodesPort),
                "sendense.nodes.address",
                "127.0.0.1"));
    vcsim =
        VcsimProcess.start(
            Path.of(System.getProperty("sendense.it.vcsim-build")),
            List.of(
                "-username=" + VC_USER,
                "-password=" + VC_PASSWORD,
                "-vms=1",
                "-extra-disks=1",
                "-disk-mb=" + (DISK >> 20)));
    server.awaitDeployed(Duration.ofMinutes(4));
  }

  /**
   * configure.sh keeps the database password in an Elytron credential store (owner-only, in the
   * data folder's secrets) and the server's configuration names only the store and alias; the
   * backup test below shows WildFly's data sources connect with it.
   */
  @Test
  void theDatabasePasswordIsInACredentialStoreNotInTheServersConfiguration() throws Exception {
    String config =
        Files.readString(
            Path.of(System.getProperty("sendense.it.wildfly.home"))
                .resolve("standalone/configuration/standalone.xml"));
    assertFalse(
        config.contains(HubEnvironment.database().password()), "password in standalone.xml");
    assertEquals(
        2,
        config.split("<credential-reference store=\"sendense\" alias=\"catalog-db\"/>").length - 1);
    Path secrets = HubEnvironment.dataDir().resolve("secrets");
    for (String file : List.of("wildfly-credentials.p12", "wildfly-credentials.password")) {
      assertEquals(
          "rw-------",
          java.nio.file.attribute.PosixFilePermissions.toString(
              Files.getPosixFilePermissions(secrets.resolve(file))),
          file);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (vcsim != null) {
      vcsim.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aUserLogsInAddsTheSourceAndARepositoryAndBacksUpAVmThatMatchesItsDisks() throws Exception {
    HubClient browser = new HubClient(server.url());
    String cookie = sessionCookie(browser.get("login.xhtml"));
    assertTrue(cookie.contains("HttpOnly"), cookie);
    assertTrue(cookie.toLowerCase(Locale.ROOT).contains("samesite=strict"), cookie);
    HttpResponse<String> login = browser.formLogin("admin", HubEnvironment.adminPassword());
    assertEquals(302, login.statusCode(), login.body());
    assertEquals(200, browser.get("dashboard.xhtml").statusCode());
    pagesRenderAndTheJobsPagesPushSocketNeedsTheSession(browser);
    assertEquals(401, new HubClient(server.url()).get("api/v1/me").statusCode());

    HubApi admin = HubApi.admin(server.url());
    HubApi operator = user(admin, "operator");
    HubApi viewer = user(admin, "viewer");
    VcsimHooks hooks = new VcsimHooks(vcsim);
    long source = hooks.addAsSource(admin, VC_USER, VC_PASSWORD);
    Path run = Files.createTempDirectory(HubEnvironment.dataDir().getParent(), "run");
    Path folder = Files.createDirectory(run.resolve("repository"));
    long repository =
        admin
            .post(
                "repositories",
                BackupFixture.localRepository("wildfly-" + UUID.randomUUID(), folder),
                201)
            .getJsonNumber("id")
            .longValue();
    String backup =
        "{\"vmId\":"
            + VcsimHooks.vmId(admin, source, VM)
            + ",\"repositoryId\":"
            + repository
            + ",\"type\":\"auto\"}";
    assertEquals(403, viewer.post("backups", backup).statusCode(), "a viewer starts no backup");

    VmDisks disks = new VmDisks(hooks, DISK);
    disks.fill(VM, 1, 41);
    disks.fill(VM, 2, 42);
    JsonObject full = backUp(operator, backup);
    assertEquals("FULL", full.getJsonObject("backup").getString("type"));
    assertMatches(folder, full, disks.copy(VM, run, "full"));

    disks.change(VM, 1, 51, 3);
    disks.change(VM, 2, 52, 2);
    JsonObject incremental = backUp(operator, backup);
    assertEquals("INCREMENTAL", incremental.getJsonObject("backup").getString("type"));
    assertMatches(folder, incremental, disks.copy(VM, run, "incremental"));

    assertEquals(List.of("COMPLETED", "COMPLETED"), jberetExecutions("backup-vm"));
    restoresTheIncrementalAsANewVmWithTheSameDisks(admin, hooks, folder, incremental, run);
    aPairedNodeRunsTheNextBackup(admin, source, backup, folder, disks, run);
    String log = server.log();
    assertFalse(log.contains("tick failed"), "a timer ran before the catalog was migrated");
  }

  @Test
  void healthMetricsAndTheOpenApiDocumentAreTheWarsOwn() throws Exception {
    HubClient anonymous = new HubClient(server.url());
    HttpResponse<String> health = anonymous.get("health");
    assertEquals(200, health.statusCode(), health.body());
    assertEquals("{\"status\":\"UP\"}", health.body());
    assertEquals(401, anonymous.get("metrics").statusCode(), "metrics need credentials");
    HttpResponse<String> openApi = anonymous.get("openapi");
    assertEquals(302, openApi.statusCode(), "the WAR's document, behind the login: " + openApi);

    String admin = HubClient.admin();
    HttpResponse<String> metrics = anonymous.get("metrics", "Authorization", admin);
    assertEquals(200, metrics.statusCode(), metrics.body());
    Matcher written =
        Pattern.compile("^sendense_backup_written_bytes (\\S+)$", Pattern.MULTILINE)
            .matcher(metrics.body());
    assertTrue(written.find(), metrics.body());
    assertEquals((double) writtenBytes(), Double.parseDouble(written.group(1)));
    HttpResponse<String> document = anonymous.get("openapi", "Authorization", admin);
    assertEquals(200, document.statusCode(), document.body());
    assertTrue(document.body().startsWith("{\"openapi\":\"3.0.3\""), document.body());
    assertTrue(
        document.body().contains("\"/api/v1/repositories/{id}\":{\"delete\""),
        "the document lists the API");
  }

  /** Bytes all backups wrote, as the catalog holds them. */
  private static long writtenBytes() throws Exception {
    try (var db = HubEnvironment.catalog();
        var rows =
            db.createStatement()
                .executeQuery(
                    "SELECT COALESCE(SUM(bytes_written), 0) FROM backups"
                        + " WHERE copy_of_backup_id IS NULL")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** Starts a backup as {@code api}'s user, waits for it and returns the point. */
  /**
   * Every page of the menu renders on WildFly for the signed-in admin, and the Jobs page's Faces
   * push socket opens with the session and is refused without it.
   */
  private static void pagesRenderAndTheJobsPagesPushSocketNeedsTheSession(HubClient browser)
      throws Exception {
    for (String page :
        List.of(
            "sources/source-list.xhtml",
            "sources/vm-list.xhtml",
            "groups/group-list.xhtml",
            "flows/flow-list.xhtml",
            "repositories/repository-list.xhtml",
            "jobs/job-list.xhtml",
            "restore/restore.xhtml",
            "nodes/node-list.xhtml",
            "reports/reports.xhtml",
            "settings/settings.xhtml",
            "settings/notifications.xhtml",
            "settings/audit-log.xhtml",
            "users/user-list.xhtml",
            "account/tokens.xhtml")) {
      HttpResponse<String> response = browser.get(page);
      assertEquals(200, response.statusCode(), page + ": " + response.body());
    }
    String jobs = browser.get("jobs/job-list.xhtml").body();
    Matcher push =
        Pattern.compile(
                "faces\\.push\\.init\\('[^']+','([^']+/jakarta\\.faces\\.push/jobs\\?[^']+)'")
            .matcher(jobs);
    assertTrue(push.find(), "the Jobs page opens a push socket: " + jobs);
    browser
        .webSocket(push.group(1))
        .sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "")
        .get(10, java.util.concurrent.TimeUnit.SECONDS);
    java.util.concurrent.CompletionException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.util.concurrent.CompletionException.class,
            () ->
                java.net.http.HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(
                        java.net.URI.create(push.group(1)),
                        new java.net.http.WebSocket.Listener() {})
                    .join());
    assertTrue(
        refused.getCause() instanceof java.net.http.WebSocketHandshakeException,
        "an anonymous handshake is refused: " + refused.getCause());
  }

  /**
   * The restore-vm job on WildFly's JBeret: the point becomes a new VM whose disks equal the
   * point's images ({@code qemu-img compare} of each downloaded flat file with its chain).
   */
  private static void restoresTheIncrementalAsANewVmWithTheSameDisks(
      HubApi admin, VcsimHooks hooks, Path repository, JsonObject point, Path run)
      throws Exception {
    long backupId = point.getJsonObject("backup").getJsonNumber("id").longValue();
    long restore =
        admin
            .post(
                "restore/vms",
                "{\"backupId\":"
                    + backupId
                    + ",\"powerOn\":false,\"networkMap\":{\"DC0_DVPG0\":\"VM Network\"}}",
                202)
            .getJsonNumber("id")
            .longValue();
    JsonObject done =
        admin.await(
            "restore/vms/" + restore,
            r -> List.of("COMPLETED", "FAILED").contains(r.getString("status")),
            Duration.ofMinutes(4));
    assertEquals("COMPLETED", done.getString("status"), done.toString());
    String name = done.getString("name");
    JsonObject restored = hooks.vm(name).orElseThrow(() -> new AssertionError("no VM " + name));
    assertEquals(2, restored.getJsonArray("disks").size(), restored.toString());
    assertMatches(repository, point, hooks.downloadDisks(restored, run));
    assertEquals(List.of("COMPLETED"), jberetExecutions("restore-vm"));
  }

  /**
   * The node listener on WildFly: a node process pairs with a one-time token over the listener's
   * TLS, shows ONLINE, and a backup of the source placed on it runs there and matches the disks.
   */
  private static void aPairedNodeRunsTheNextBackup(
      HubApi admin, long source, String backup, Path repository, VmDisks disks, Path run)
      throws Exception {
    String token = admin.post("nodes/pairing-tokens", "{}", 201).getString("token");
    try (NodeProcess node =
        NodeProcess.start(run.resolve("node"), "wildfly-node", token, nodesPort)) {
      java.util.function.Predicate<JsonObject> ours =
          n -> n.getString("name").equals("wildfly-node") && n.getString("state").equals("ONLINE");
      JsonObject online =
          admin
              .awaitArray("nodes", nodes -> nodes.stream().anyMatch(ours), Duration.ofMinutes(2))
              .stream()
              .filter(ours)
              .findFirst()
              .orElseThrow();
      var placed =
          admin.put("sources/" + source + "/node", "{\"nodeId\":" + online.getInt("id") + "}");
      assertEquals(200, placed.statusCode(), placed.body());
      disks.change(VM, 1, 61, 2);
      JsonObject job =
          BackupFixture.awaitEnd(admin, admin.post("backups", backup, 202).getInt("id"));
      assertEquals("COMPLETED", job.getString("status"), job + node.log());
      assertEquals("wildfly-node", job.getString("nodeName"), job.toString());
      JsonObject point = admin.object("backups/" + job.getInt("backupId"));
      assertMatches(repository, point, disks.copy(VM, run, "node"));
    } finally {
      admin.put("sources/" + source + "/node", "{\"nodeId\":null}");
    }
  }

  private static JsonObject backUp(HubApi api, String request) throws Exception {
    JsonObject job = BackupFixture.awaitEnd(api, api.post("backups", request, 202).getInt("id"));
    assertEquals("COMPLETED", job.getString("status"), job.toString());
    return api.object("backups/" + job.getInt("backupId"));
  }

  private static void assertMatches(Path repository, JsonObject point, List<Path> disks)
      throws Exception {
    assertEquals(2, point.getJsonArray("disks").size(), point.toString());
    Qemu.assertMatches(repository, point, disks);
  }

  /** The batch status of each execution of {@code job} in JBeret's JDBC job repository. */
  private static List<String> jberetExecutions(String job) throws Exception {
    List<String> statuses = new ArrayList<>();
    try (var db = HubEnvironment.catalog();
        var query =
            db.prepareStatement(
                "SELECT e.BATCHSTATUS FROM sendense_batch.JOB_EXECUTION e"
                    + " JOIN sendense_batch.JOB_INSTANCE i ON i.JOBINSTANCEID = e.JOBINSTANCEID"
                    + " WHERE i.JOBNAME = ? ORDER BY e.JOBEXECUTIONID")) {
      query.setString(1, job);
      try (var rows = query.executeQuery()) {
        while (rows.next()) {
          statuses.add(rows.getString(1));
        }
      }
    }
    return statuses;
  }

  /** A new user with {@code role}, as the API sees it. */
  private static HubApi user(HubApi admin, String role) throws Exception {
    String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
    admin.post(
        "users",
        "{\"username\":\""
            + name
            + "\",\"password\":\""
            + PASSWORD
            + "\",\"roles\":[\""
            + role
            + "\"]}",
        201);
    return new HubApi(server.url(), HubClient.basic(name, PASSWORD));
  }

  private static String sessionCookie(HttpResponse<String> page) {
    return page.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("JSESSIONID="))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie: " + page.headers()));
  }
}
