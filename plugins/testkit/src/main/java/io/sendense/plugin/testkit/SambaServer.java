package io.sendense.plugin.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private Samba server for a test class (repo-cifs tests, system tests of the hub): smbd in the
 * foreground on a free loopback port with all its state in a temporary folder, a writable share
 * {@code backup} and a read-only share {@code readonly}, both for user {@code root} with password
 * {@link #PASSWORD}. Killed afterwards.
 */
public final class SambaServer implements BeforeAllCallback, AfterAllCallback, PeerControl {

  public static final String USER = "root";
  public static final String PASSWORD = "Sendense-Test-1";

  private Path dir;
  private int port;
  private PeerProcess smbd;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("sendense-smbd-");
    for (String sub :
        List.of("private", "lock", "state", "cache", "pid", "ncalrpc", "share", "ro")) {
      Files.createDirectories(dir.resolve(sub));
    }
    port = PeerProcess.freePort();
    Files.writeString(dir.resolve("smb.conf"), configuration());
    setPassword();
    start();
  }

  private String configuration() throws IOException {
    String template =
        new String(
            SambaServer.class.getResourceAsStream("smb.conf.template").readAllBytes(),
            StandardCharsets.UTF_8);
    return template.replace("@DIR@", dir.toString()).replace("@PORT@", Integer.toString(port));
  }

  private void setPassword() throws IOException, InterruptedException {
    Process smbpasswd =
        new ProcessBuilder(PeerProcess.program("smbpasswd"), "-c", conf(), "-a", "-s", USER)
            .redirectErrorStream(true)
            .start();
    smbpasswd.getOutputStream().write((PASSWORD + "\n" + PASSWORD + "\n").getBytes());
    smbpasswd.getOutputStream().close();
    String output = new String(smbpasswd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!smbpasswd.waitFor(30, TimeUnit.SECONDS) || smbpasswd.exitValue() != 0) {
      throw new IOException("smbpasswd failed: " + output);
    }
  }

  private String conf() {
    return dir.resolve("smb.conf").toString();
  }

  @Override
  public void start() throws Exception {
    smbd =
        PeerProcess.start(
            "smbd",
            List.of(
                PeerProcess.program("smbd"),
                "--foreground",
                "--no-process-group",
                "--debug-stdout",
                "-s",
                conf()),
            dir.resolve("smbd.log"));
    smbd.awaitPort(port, Duration.ofSeconds(30));
  }

  @Override
  public void stop() throws Exception {
    smbd.kill();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      stop();
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  public int port() {
    return port;
  }

  /** The folder served as share {@code backup}. */
  public Path shareFolder() {
    return dir.resolve("share");
  }
}
