package io.sendense.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/install-service.sh into folders of the test (as the current user, systemd not touched):
 * the program, data and configuration land where the unit says, owner-only where it matters, and
 * systemd's own checker accepts the installed unit.
 */
class ServiceInstallIT {
  @TempDir Path root;

  @Test
  void installedUnitPassesSystemdAnalyzeVerify() throws Exception {
    Path prefix = root.resolve("opt/sendense");
    Path data = root.resolve("var/lib/sendense");
    Path config = root.resolve("etc/sendense");
    Path units = root.resolve("units");
    String user = System.getProperty("user.name");
    Result install =
        run(
            List.of("bash", script().toString(), "--no-start", "--no-build"),
            Map.of(
                "PREFIX", prefix.toString(),
                "DATA_DIR", data.toString(),
                "CONFIG_DIR", config.toString(),
                "UNIT_DIR", units.toString(),
                "SERVICE_USER", user));
    assertEquals(0, install.status(), install.output());

    assertTrue(Files.isRegularFile(prefix.resolve("sendense-launcher.jar")));
    assertTrue(Files.isRegularFile(prefix.resolve("sendense/sendense.war")));
    assertTrue(Files.isRegularFile(prefix.resolve("sendense/runtime/payara-micro.jar")));
    assertEquals("rwx------", mode(data));
    assertEquals("rw-r-----", mode(config.resolve("sendense.properties")));
    Path unit = units.resolve("sendense-hub.service");
    String text = Files.readString(unit);
    assertTrue(
        text.contains("ExecStart=/usr/bin/java -Xmx256m -jar " + prefix + "/sendense-launcher.jar"),
        text);
    assertTrue(text.contains("Environment=SENDENSE_DATA_DIR=" + data), text);
    assertTrue(text.contains("User=" + user), text);

    Result verify = run(List.of("systemd-analyze", "verify", unit.toString()), Map.of());
    assertEquals(0, verify.status(), verify.output());
    assertEquals("", verify.output().strip(), "systemd-analyze found problems");

    Result again =
        run(
            List.of("bash", script().toString(), "--no-start", "--no-build"),
            Map.of(
                "PREFIX", prefix.toString(),
                "DATA_DIR", data.toString(),
                "CONFIG_DIR", config.toString(),
                "UNIT_DIR", units.toString(),
                "SERVICE_USER", user));
    assertEquals(0, again.status(), "a second install upgrades in place: " + again.output());
  }

  private static Path script() {
    return Path.of(System.getProperty("sendense.launcher.jar"))
        .getParent()
        .getParent()
        .resolve("install-service.sh");
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private record Result(int status, String output) {}

  private static Result run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), "timed out: " + command);
    return new Result(process.exitValue(), output);
  }
}
