package io.sendense.plugins.vmware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs src/test/vcsim/build.sh, which builds the simulator unless its cache (keyed by a hash of the
 * Go sources and toolchain) already holds it, and prints the binary's path.
 */
final class VcsimBuild {

  private VcsimBuild() {}

  static String binary() throws IOException {
    Path script = Path.of("src/test/vcsim/build.sh").toAbsolutePath();
    Path log = Files.createTempFile("vcsim-build", ".log");
    Process process =
        new ProcessBuilder("bash", script.toString()).redirectError(log.toFile()).start();
    try {
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("Building vcsim took more than 10 minutes");
      }
      String out =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (process.exitValue() != 0) {
        throw new IOException("Building vcsim failed: " + Files.readString(log));
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while building vcsim", e);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
