package io.sendense.image.guest.fstest;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the system tools that build test images. A missing tool fails the test (never skips it) and
 * names the Debian package that provides it.
 */
public final class Tools {
  private static final String INSTALL = "deploy/test-support/install-guest-fs2.sh";

  private Tools() {}

  /** Fails unless {@code command} is on the PATH (or in /sbin, /usr/sbin). */
  public static String require(String command, String debianPackage) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv("PATH").split(File.pathSeparator)));
    dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin"));
    for (String dir : dirs) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return fail(
        command
            + " is missing: install the Debian package "
            + debianPackage
            + " (run "
            + INSTALL
            + " as root)");
  }

  /** Runs a tool and fails the test with its output when it exits non-zero. */
  public static String run(List<String> command) throws IOException, InterruptedException {
    return run(command, null);
  }

  /** Runs a tool with {@code stdin} as its input. */
  public static String run(List<String> command, Path stdin)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("LVM_SUPPRESS_FD_WARNINGS", "1");
    if (stdin != null) {
      pb.redirectInput(stdin.toFile());
    }
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish in 120 s");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      fail(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + text);
    }
    return text;
  }
}
