package io.sendense.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsApplyWithoutAFile() {
    LauncherConfig c = LauncherConfig.load(dir.resolve("missing"), Map.of(), new Properties());
    assertEquals(8080, c.port("sendense.http.port"));
    assertEquals("127.0.0.1", c.get("sendense.http.address"));
    assertTrue(c.embeddedDatabase());
    assertEquals(Path.of("data").toAbsolutePath().resolve("plugins"), c.pluginsDir());
  }

  @Test
  void fileThenEnvironmentThenSystemPropertiesWin() throws Exception {
    Path file = dir.resolve("sendense.properties");
    Files.writeString(
        file, "sendense.http.port=9000\nsendense.data.dir=/srv/sd\nsendense.hub.heap = 2g \n");
    Properties system = new Properties();
    system.setProperty("sendense.data.dir", "/opt/sd");
    LauncherConfig c = LauncherConfig.load(file, Map.of("SENDENSE_HTTP_PORT", "9100"), system);
    assertEquals(9100, c.port("sendense.http.port"));
    assertEquals(Path.of("/opt/sd"), c.dataDir());
    assertEquals("2g", c.get("sendense.hub.heap"));
    assertEquals(Path.of("/opt/sd/repository"), c.localRepositoryDir());
  }

  @Test
  void externalDatabaseIsUsedWhenAUrlIsGiven() {
    LauncherConfig c =
        LauncherConfig.load(
            null, Map.of("SENDENSE_DB_URL", "jdbc:mariadb://db:3306/sendense"), new Properties());
    assertFalse(c.embeddedDatabase());
  }

  @Test
  void badValuesNameTheKeyToFix() {
    IllegalArgumentException port =
        assertThrows(
            IllegalArgumentException.class,
            () -> LauncherConfig.load(null, Map.of("SENDENSE_HTTP_PORT", "80a"), new Properties()));
    assertTrue(port.getMessage().startsWith("sendense.http.port must be a port number"));
    IllegalArgumentException url =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LauncherConfig.load(
                    null, Map.of("SENDENSE_DB_URL", "jdbc:postgresql://x/y"), new Properties()));
    assertTrue(url.getMessage().contains("sendense.db.url must be a MariaDB JDBC URL"));
  }

  @Test
  void plainHttpBeyondLoopbackIsRefusedUnlessAllowed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LauncherConfig.load(
                    null, Map.of("SENDENSE_HTTP_ADDRESS", "0.0.0.0"), new Properties()));
    assertTrue(e.getMessage().contains("sendense.http.tls.port"), e.getMessage());
    assertTrue(e.getMessage().contains("sendense.http.allow-insecure-remote"), e.getMessage());
    LauncherConfig allowed =
        LauncherConfig.load(
            null,
            Map.of(
                "SENDENSE_HTTP_ADDRESS", "0.0.0.0", "SENDENSE_HTTP_ALLOW_INSECURE_REMOTE", "true"),
            new Properties());
    assertEquals("0.0.0.0", allowed.get("sendense.http.address"));
    assertEquals(
        "::1",
        LauncherConfig.load(null, Map.of("SENDENSE_HTTP_ADDRESS", "::1"), new Properties())
            .get("sendense.http.address"));
  }

  @Test
  void tlsSettingsAreCheckedBeforeAnythingStarts() throws Exception {
    Path store = TestKeyStores.create(dir.resolve("hub.p12"), "hub", "store-pass-1");
    Map<String, String> env =
        Map.of(
            "SENDENSE_HTTP_TLS_PORT", "8443",
            "SENDENSE_HTTP_TLS_ADDRESS", "0.0.0.0",
            "SENDENSE_HTTP_TLS_KEYSTORE", store.toString(),
            "SENDENSE_HTTP_TLS_KEYSTORE_PASSWORD", "store-pass-1");
    TlsSettings tls = LauncherConfig.load(null, env, new Properties()).tls().orElseThrow();
    assertEquals(new TlsSettings(8443, "0.0.0.0", store, "store-pass-1", "hub"), tls);

    Map<String, String> wrongPassword = new java.util.HashMap<>(env);
    wrongPassword.put("SENDENSE_HTTP_TLS_KEYSTORE_PASSWORD", "nope-nope-1");
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> LauncherConfig.load(null, wrongPassword, new Properties()))
            .getMessage()
            .contains("sendense.http.tls.keystore-password"));
    Map<String, String> wrongAlias = new java.util.HashMap<>(env);
    wrongAlias.put("SENDENSE_HTTP_TLS_ALIAS", "other");
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> LauncherConfig.load(null, wrongAlias, new Properties()))
            .getMessage()
            .contains("no key named 'other'"));
    Map<String, String> missing = new java.util.HashMap<>(env);
    missing.put("SENDENSE_HTTP_TLS_KEYSTORE", dir.resolve("absent.p12").toString());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> LauncherConfig.load(null, missing, new Properties()))
            .getMessage()
            .contains("does not exist"));
    assertFalse(LauncherConfig.load(null, Map.of(), new Properties()).tls().isPresent());
  }

  @Test
  void environmentNamesAreDerivedFromKeys() {
    assertEquals("SENDENSE_DB_EMBEDDED_PORT", LauncherConfig.envName("sendense.db.embedded.port"));
  }

  @Test
  void everyHubSettingFromFileOrSystemPropertiesReachesTheHubProcess(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("sendense.properties");
    Files.writeString(
        file,
        "sendense.jobs.per-repository = 2\nsendense.http.port=9000\n"
            + "sendense.restore.idle-minutes=5\nsendense.flows.catch-up=false\n"
            + "sendense.session.max-hours=4\nsendense.login.failures-per-address=50\n"
            + "sendense.retention.sweep-hour=4\n"
            + "sendense.db.url=jdbc:mariadb://db:3306/s\nsendense.db.password=secret\n");
    Properties system = new Properties();
    system.setProperty("sendense.dashboard.capacity-warning-percent", "70");
    LauncherConfig config = LauncherConfig.load(file, Map.of(), system);
    assertEquals(
        java.util.List.of(
            "-Dsendense.dashboard.capacity-warning-percent=70",
            "-Dsendense.flows.catch-up=false",
            "-Dsendense.jobs.per-repository=2",
            "-Dsendense.jobs.resume-after-crash=true",
            "-Dsendense.login.failures-per-address=50",
            "-Dsendense.restore.idle-minutes=5",
            "-Dsendense.retention.sweep-hour=4",
            "-Dsendense.session.max-hours=4"),
        config.hubOptions(),
        "launcher settings and database secrets stay off the hub's command line");
  }

  @Test
  void resumeAfterCrashIsOnByDefaultAndTurnedOffFromTheEnvironmentOrTheFile(@TempDir Path dir)
      throws Exception {
    String key = "-Dsendense.jobs.resume-after-crash=";
    assertTrue(
        LauncherConfig.load(null, Map.of(), new Properties()).hubOptions().contains(key + "true"));
    assertTrue(
        LauncherConfig.load(
                null, Map.of("SENDENSE_JOBS_RESUME_AFTER_CRASH", "false"), new Properties())
            .hubOptions()
            .contains(key + "false"));
    Path file = dir.resolve("sendense.properties");
    Files.writeString(file, "sendense.jobs.resume-after-crash=false\n");
    assertTrue(
        LauncherConfig.load(file, Map.of(), new Properties()).hubOptions().contains(key + "false"));
  }
}
