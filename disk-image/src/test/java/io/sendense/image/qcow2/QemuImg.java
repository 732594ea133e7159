package io.sendense.image.qcow2;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the qemu-img oracle; fails (never skips) when it is not installed. */
public final class QemuImg {
  /** Exit code and combined output of one run. */
  public record Result(int exitCode, String output) {}

  private QemuImg() {}

  public static Result run(String... args) throws IOException, InterruptedException {
    return exec("qemu-img", args);
  }

  /** Runs and fails the test with qemu-img's output when it exits non-zero. */
  public static String ok(String... args) throws IOException, InterruptedException {
    return okExec("qemu-img", args);
  }

  static String okExec(String tool, String... args) throws IOException, InterruptedException {
    Result r = exec(tool, args);
    if (r.exitCode() != 0) {
      fail(tool + " " + String.join(" ", args) + " exited " + r.exitCode() + ":\n" + r.output());
    }
    return r.output();
  }

  /**
   * Runs {@code tool}. qemu-img times PBKDF2 with the thread's CPU clock before it writes LUKS key
   * slots and gives up with "Unable to get accurate CPU usage" when its first round measures 0 ms
   * (a fast CPU, a coarse clock): a flaw of the peer's benchmark, not of the image, so that one
   * answer is retried a few times.
   */
  static Result exec(String tool, String... args) throws IOException, InterruptedException {
    Result r = execOnce(tool, args);
    for (int retry = 0;
        retry < 5 && r.exitCode() != 0 && r.output().contains("Unable to get accurate CPU usage");
        retry++) {
      r = execOnce(tool, args);
    }
    return r;
  }

  private static Result execOnce(String tool, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(locate(tool).toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(tool + " " + String.join(" ", args) + " did not finish in 60 s");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static Path locate(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    fail(
        tool
            + " is not installed; run deploy/test-support/install-disk-image.sh"
            + " (Debian package qemu-utils)");
    return null;
  }
}
