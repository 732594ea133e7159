package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.interactions.Actions;

/**
 * The Jobs, Nodes and VM details pages and the dashboard kept up to date by Faces push instead of
 * polling (sd:live, live.js): quiet while nothing happens, a backup followed to COMPLETED and new
 * repositories and flows counted through pushes alone, polling when the socket is closed, nothing
 * at all once the page is idle, and a push endpoint that refuses anonymous handshakes. Requests are
 * counted by the browser's resource timing (every XHR of the page).
 */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class LiveBrowserIT {
  private static final Pattern PUSH_INIT =
      Pattern.compile(
          "faces\\.push\\.init\\('([^']+)','([^']+/jakarta\\.faces\\.push/\\w+\\?[^']+)'");
  private static final Duration JOB = Duration.ofMinutes(3);

  @ArquillianResource URL deployedAt;

  private Chromium chromium;
  private FlowFixture fixture;
  private HubApi api;
  private long vm;
  private long repository;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  @BeforeEach
  void open() throws Exception {
    fixture = FlowFixture.start(new HubClient(deployedAt));
    vm = fixture.vm("DC0_H0_VM0");
    api = HubApi.admin(deployedAt);
    repository = BackupFixture.localId(api);
    chromium = new Chromium(deployedAt);
    chromium.logInAsAdmin();
  }

  @AfterEach
  void close() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void theJobsPageFollowsABackupThroughPushesWithoutPolling() throws Exception {
    openJobsWithOpenSocket();
    Map<String, Object> before = state();
    long requests = requests();
    Thread.sleep(10_000); // measuring that nothing is asked for while nothing happens
    Map<String, Object> quiet = state();
    assertEquals(
        number(quiet, "refreshes") - number(before, "refreshes"),
        requests() - requests,
        "in 10 s the page asked only for what pushes announced; " + quiet);
    assertEquals(0L, number(quiet, "polling"), "no poll with the socket open: " + quiet);

    long job = backUp();
    awaitStatus(job, "COMPLETED");
    Map<String, Object> after = state();
    assertEquals(0L, number(after, "pollStarts"), "never polled: " + after);
    assertTrue(number(after, "messages") > number(quiet, "messages"), "pushes came: " + after);
    assertEquals(
        number(after, "refreshes") - number(before, "refreshes"),
        requests() - requests,
        "every request of the page followed a push: " + after);
  }

  @Test
  void pollingTakesOverWhenTheSocketCloses() throws Exception {
    String clientId = openJobsWithOpenSocket()[0];
    js("faces.push.close(arguments[0])", clientId);
    chromium.await("the poll started", d -> state(), s -> number(s, "polling") == 1);
    Map<String, Object> closed = state();
    long requests = requests();
    chromium.await(
        "requests of the poll", d -> requests(), n -> n >= requests + 2, Duration.ofSeconds(15));

    long job = backUp();
    awaitStatus(job, "COMPLETED");
    assertEquals(
        number(closed, "messages"), number(state(), "messages"), "no push once the socket closed");
  }

  @Test
  void anIdlePageStopsRefreshingUntilTouched() throws Exception {
    openJobsWithOpenSocket();
    assertEquals(
        3_600_000L,
        number(state(), "idleMillis"),
        "by default the idle limit is the session timeout (60 min, sendense.ui.idle-minutes)");
    js("SendenseLive.idleAfter(3000)");
    chromium.await("the page idle", d -> state(), s -> Boolean.TRUE.equals(s.get("idle")));
    Map<String, Object> idle = state();
    long requests = requests();

    long job = backUp();
    BackupFixture.awaitEnd(api, job, JOB);
    chromium.await(
        "pushes that the idle page ignores",
        d -> state(),
        s -> number(s, "messages") > number(idle, "messages"));
    Thread.sleep(5_000); // measuring that the idle page asks for nothing
    assertEquals(requests, requests(), "an idle page asks for nothing: " + state());
    assertEquals(number(idle, "refreshes"), number(state(), "refreshes"));

    js("SendenseLive.idleAfter(600000)"); // the page stays idle until touched
    new Actions(chromium.browser).moveByOffset(5, 5).perform();
    chromium.await("the page live again", d -> state(), s -> Boolean.FALSE.equals(s.get("idle")));
    awaitStatus(job, "COMPLETED");
    assertTrue(requests() > requests, "the touch refreshed the page: " + state());

    // Idle also stops the fallback poll.
    js("faces.push.close(arguments[0])", pushInit()[0]);
    chromium.await("the poll started", d -> state(), s -> number(s, "polling") == 1);
    js("SendenseLive.idleAfter(3000)");
    chromium.await("the poll stopped when idle", d -> state(), s -> number(s, "polling") == 0);
    long polled = requests();
    Thread.sleep(5_000); // measuring that the idle page's poll asks for nothing
    assertEquals(polled, requests(), "an idle page does not poll: " + state());
  }

  @Test
  void theDashboardCountsNewRepositoriesAndFlowsThroughPushes() throws Exception {
    openWithOpenSocket("dashboard.xhtml");
    Map<String, Object> before = state();
    long requests = requests();
    long repositories = count("count-repositories");
    long flows = count("count-flows");

    // Within the 5 s the dashboard keeps its counts (sendense.dashboard.cache-seconds) after the
    // page read them: the push must drop them, or the page would show the old numbers.
    long repo =
        fixture.localRepository(HubEnvironment.dataDir().resolve("live-" + UUID.randomUUID()));
    chromium.await(
        "the new repository counted", d -> count("count-repositories"), n -> n == repositories + 1);
    fixture.flow(
        "{\"name\":\"live-"
            + UUID.randomUUID()
            + "\",\"targetVmId\":"
            + vm
            + ",\"repositoryId\":"
            + repo
            + "}");
    chromium.await("the new flow counted", d -> count("count-flows"), n -> n == flows + 1);

    Map<String, Object> after = state();
    assertEquals(0L, number(after, "pollStarts"), "never polled: " + after);
    assertEquals(0L, number(after, "polling"), "no poll with the socket open: " + after);
    assertEquals(
        number(after, "refreshes") - number(before, "refreshes"),
        requests() - requests,
        "every request of the dashboard followed a push: " + after);
  }

  @Test
  void theDashboardPollsWhenItsSocketClosesUntilIdle() throws Exception {
    String clientId = openWithOpenSocket("dashboard.xhtml")[0];
    js("faces.push.close(arguments[0])", clientId);
    chromium.await("the dashboard's poll", d -> state(), s -> number(s, "polling") == 1);
    assertEquals(
        3_600_000L, number(state(), "sessionMillis"), "the session timeout of web.xml (60 min)");
    long requests = requests();
    chromium.await(
        "requests of the poll", d -> requests(), n -> n >= requests + 1, Duration.ofSeconds(15));

    js("SendenseLive.idleAfter(3000)");
    chromium.await("the poll stopped when idle", d -> state(), s -> number(s, "polling") == 0);
    long idle = requests();
    Thread.sleep(7_000); // measuring that the idle dashboard asks for nothing (polls every 5 s)
    assertEquals(idle, requests(), "an idle dashboard does not poll: " + state());

    js("SendenseLive.idleAfter(600000)"); // the page stays idle until touched
    new Actions(chromium.browser).moveByOffset(5, 5).perform();
    chromium.await("the poll again", d -> state(), s -> number(s, "polling") == 1);
    chromium.await(
        "requests of the poll again", d -> requests(), n -> n >= idle + 1, Duration.ofSeconds(15));
  }

  /**
   * The Nodes page follows a node through its states by pushes on the channel {@code nodes}: paired
   * (NEVER), its first call (ONLINE), silence (OFFLINE after 8 s here, found by the hub's check
   * every 5 s: nothing else announces it) and its revocation. A node without a process: the test
   * pairs it and makes its one call.
   */
  @Test
  void theNodesPageFollowsANodesStatesThroughPushesWithoutPolling() throws Exception {
    openWithOpenSocket("nodes/node-list.xhtml");
    Map<String, Object> before = state();
    long requests = requests();
    Thread.sleep(5_000); // measuring that nothing is asked for while nothing happens
    assertEquals(requests, requests(), "in 5 s the Nodes page asked for nothing: " + state());

    String name = "live-" + UUID.randomUUID().toString().substring(0, 8);
    String token = api.post("nodes/pairing-tokens", "{}", 201).getString("token");
    NodeClient node = NodeClient.paired(token, name);
    awaitNodeState(name, "NEVER");
    NodeClient.Answer polled = node.post("node/v1/poll", "{\"running\":[],\"version\":\"test\"}");
    assertEquals(200, polled.status(), polled.body());
    awaitNodeState(name, "ONLINE");
    awaitNodeState(name, "OFFLINE");
    long id =
        HubApi.objects(api.array("nodes")).stream()
            .filter(n -> n.getString("name").equals(name))
            .findFirst()
            .orElseThrow()
            .getJsonNumber("id")
            .longValue();
    assertEquals(204, api.delete("nodes/" + id).statusCode(), "revoked");
    awaitNodeState(name, "REVOKED");

    Map<String, Object> after = state();
    assertEquals(0L, number(after, "pollStarts"), "never polled: " + after);
    assertTrue(number(after, "messages") >= number(before, "messages") + 4, "pushes: " + after);
    assertEquals(
        number(after, "refreshes") - number(before, "refreshes"),
        requests() - requests,
        "every request of the Nodes page followed a push: " + after);
  }

  /**
   * A VM's performance tab follows its running backup through pushes on the channel {@code jobs}
   * (no poll), and once the backup ended asks for nothing more, though the channel carries on. The
   * backup is slowed (vcsim serves its 16 MiB of data at 2 s per MiB and connection) so that the
   * page sees it run.
   */
  @Test
  void aVmsPerformanceFollowsItsRunningBackupThroughPushesAndNothingElse() throws Exception {
    VcsimHooks hooks = new VcsimHooks(fixture.vcsim);
    try (java.io.RandomAccessFile disk =
        new java.io.RandomAccessFile(hooks.flatFile("DC0_H0_VM0", 1).toFile(), "rw")) {
      byte[] data = new byte[16 << 20];
      new java.util.Random(20).nextBytes(data);
      disk.seek(1 << 20);
      disk.write(data);
    }
    hooks.downloads("DC0_H0_VM0", false, 2000);
    try {
      long job = backUp();
      api.await(
          "jobs/by-id/" + job,
          j ->
              "RUNNING".equals(j.getJsonObject("job").getString("status"))
                  && j.getJsonObject("job").containsKey("backupId")
                  && !j.getJsonObject("job").isNull("backupId"),
          JOB);
      openWithOpenSocket("sources/vm-detail.xhtml?id=" + vm);
      assertEquals(1L, number(state(), "wanted"), "the backup runs: " + state());
      Map<String, Object> before = state();
      long requests = requests();
      chromium.await(
          "the page's backup shown ended", d -> number(state(), "wanted"), n -> n == 0, JOB);
      assertEquals("COMPLETED", BackupFixture.awaitEnd(api, job).getString("status"));
      chromium.awaitText(
          "the summary's success rate with the ended backup", By.id("kpi-success"), "100%"::equals);
      Map<String, Object> ended = state();
      assertEquals(0L, number(ended, "pollStarts"), "never polled: " + ended);
      assertTrue(number(ended, "refreshes") > number(before, "refreshes"), "pushed: " + ended);
      long done = requests();
      assertEquals(
          number(ended, "refreshes") - number(before, "refreshes"),
          done - requests,
          "every request followed a push: " + ended);

      hooks.downloads("DC0_H0_VM0", false, 0);
      long next = backUp(); // another backup of the VM: its pushes no longer concern the page
      BackupFixture.awaitEnd(api, next);
      chromium.await(
          "its pushes", d -> state(), s -> number(s, "messages") > number(ended, "messages"));
      assertEquals(done, requests(), "nothing asked for once the chosen backup ended: " + state());
      // VM details is no page of the menu, so FlowsBrowserIT's sweep does not check it: here, with
      // two points and a performance chart.
      chromium.checkPage("vm-detail");
    } finally {
      hooks.downloads("DC0_H0_VM0", false, 0);
    }
  }

  @Test
  void thePushEndpointRefusesAnAnonymousHandshake() throws Exception {
    String url = openJobsWithOpenSocket()[1];
    String cookies =
        chromium.browser.manage().getCookies().stream()
            .map(c -> c.getName() + "=" + c.getValue())
            .collect(Collectors.joining("; "));
    opensWith(url, cookies);
    int status = refusedAnonymously(url);
    assertEquals(302, status, "sent to the login page like any page");
  }

  /** Opens the Jobs page and waits for its push socket; returns its client id and URL. */
  private String[] openJobsWithOpenSocket() throws Exception {
    return openWithOpenSocket("jobs/job-list.xhtml");
  }

  /** Opens {@code page} and waits for its push socket; returns its client id and URL. */
  private String[] openWithOpenSocket(String page) throws Exception {
    chromium.browser.get(chromium.url(page));
    chromium.settle();
    chromium.countRequests();
    chromium.await("the push socket open", d -> state(), s -> number(s, "open") == 1);
    return pushInit();
  }

  /**
   * Waits until the Nodes page shows the node {@code name} (an admin sees it in an input) in {@code
   * state}.
   */
  private void awaitNodeState(String name, String state) throws Exception {
    chromium.await(
        "node " + name + " shown " + state,
        d ->
            (String)
                js(
                    "var rows = document.querySelectorAll(\"[id='nodes:table_data'] > tr\");"
                        + "for (var i = 0; i < rows.length; i++) {"
                        + "  var input = rows[i].querySelector(\"input[id$=':name']\");"
                        + "  if (input && input.value === arguments[0]) {"
                        + "    return rows[i].querySelector('strong').textContent.trim(); } }"
                        + "return 'not shown';",
                    name),
        state::equals,
        Duration.ofSeconds(30));
  }

  /** The dashboard's number in the element {@code id} of its form. */
  private long count(String id) {
    return Long.parseLong(chromium.browser.findElement(By.id("dash:" + id)).getText().strip());
  }

  /** The f:websocket's client id and absolute ws:// URL, from the page's script. */
  private String[] pushInit() {
    return pushInit(chromium.browser.getPageSource(), URI.create(chromium.browser.getCurrentUrl()));
  }

  /**
   * The client id and absolute ws:// URL of the (only) f:websocket in the HTML {@code page} served
   * at {@code at}.
   */
  private static String[] pushInit(String page, URI at) {
    Matcher init = PUSH_INIT.matcher(page);
    assertTrue(init.find(), "the page opens a push socket");
    String url = init.group(2);
    if (url.startsWith("/")) {
      url = "ws://" + at.getAuthority() + url;
    }
    return new String[] {init.group(1), url};
  }

  /**
   * The status with which the hub refuses a websocket handshake to {@code url} without a session;
   * fails if the socket opens.
   */
  private static int refusedAnonymously(String url) {
    CompletionException refused =
        assertThrows(
            CompletionException.class,
            () ->
                HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(URI.create(url), new WebSocket.Listener() {})
                    .join());
    assertTrue(
        refused.getCause() instanceof WebSocketHandshakeException,
        "refused at the handshake: " + refused.getCause());
    return ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode();
  }

  /** Opens and closes a websocket to {@code url} with the session {@code cookies}. */
  private static void opensWith(String url, String cookies) throws Exception {
    WebSocket signedIn =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Cookie", cookies)
            .buildAsync(URI.create(url), new WebSocket.Listener() {})
            .get(10, TimeUnit.SECONDS);
    signedIn.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
  }

  private long backUp() throws Exception {
    JsonObject job =
        api.post("backups", "{\"vmId\":" + vm + ",\"repositoryId\":" + repository + "}", 202);
    return job.getJsonNumber("id").longValue();
  }

  /** Waits until the page shows job {@code id} in {@code status}; the table is never reloaded. */
  private void awaitStatus(long id, String status) throws Exception {
    chromium.await(
        "job " + id + " shown " + status,
        d ->
            (String)
                js(
                    "var rows = document.querySelectorAll(\"[id='jobs:table_data'] > tr\");"
                        + "for (var i = 0; i < rows.length; i++) {"
                        + "  var first = rows[i].cells[0] && rows[i].cells[0].firstChild;"
                        + "  if (first && first.textContent.trim() === arguments[0]) {"
                        + "    return rows[i].querySelector('.ui-tag-value').textContent.trim(); } }"
                        + "return 'not shown';",
                    Long.toString(id)),
        status::equals,
        JOB);
  }

  private Map<String, Object> state() {
    return chromium.liveState();
  }

  private long requests() {
    return chromium.requests();
  }

  private static long number(Map<String, Object> state, String key) {
    return ((Number) state.get(key)).longValue();
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) chromium.browser).executeScript(script, args);
  }
}
