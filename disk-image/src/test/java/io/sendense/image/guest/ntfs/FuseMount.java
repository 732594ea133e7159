package io.sendense.image.guest.ntfs;

import static org.junit.jupiter.api.Assertions.fail;

import io.sendense.image.guest.fstest.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An image file mounted read-write with ntfs-3g (FUSE), to build test images with folders, sparse,
 * compressed and link files. ntfs-3g runs in the foreground ({@code no_detach}) as a child process,
 * so {@link #close()} can wait until it has flushed the image and exited, not only until the mount
 * is gone.
 */
final class FuseMount implements AutoCloseable {
  private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);
  private final Path point;
  private final Path log;
  private final Process process;
  private final Thread lastResort;

  private FuseMount(Path point, Path log, Process process) {
    this.point = point;
    this.log = log;
    this.process = process;
    // a JVM stopped mid-build (SIGTERM, failsafe timeout) must not leave the mount behind
    this.lastResort =
        new Thread(
            () -> {
              try {
                new ProcessBuilder("umount", "-l", point.toString()).start().waitFor();
              } catch (IOException | InterruptedException ignored) {
                // nothing more can be done while the JVM exits
              }
            });
    Runtime.getRuntime().addShutdownHook(lastResort);
  }

  /** Mounts {@code image} on {@code point}; fails the test naming what is missing. */
  static FuseMount mount(Path image, Path point, String options)
      throws IOException, InterruptedException {
    String ntfs3g = Tools.require("ntfs-3g", "ntfs-3g");
    Tools.require("fusermount", "fuse3");
    if (!Files.exists(Path.of("/dev/fuse"))) {
      fail(
          "/dev/fuse is missing: ntfs-3g needs FUSE (load the fuse module, or give the container"
              + " --device /dev/fuse --cap-add SYS_ADMIN)");
    }
    Files.createDirectories(point);
    Path log = Files.createTempFile(point.getParent(), "ntfs-3g", ".log");
    Process p =
        new ProcessBuilder(ntfs3g, "-o", "no_detach," + options, image.toString(), point.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    FuseMount mount = new FuseMount(point, log, p);
    long deadline = System.nanoTime() + TIMEOUT_NANOS;
    while (!mount.mounted()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        mount.close();
        fail(
            "ntfs-3g could not mount "
                + image
                + " (FUSE needs root or the fuse group here): "
                + Files.readString(log));
      }
      Thread.sleep(20);
    }
    return mount;
  }

  Path point() {
    return point;
  }

  /** Unmounts (fusermount, else umount, else a lazy umount) and waits for ntfs-3g to exit. */
  @Override
  public void close() throws IOException, InterruptedException {
    List<String> failures = new ArrayList<>();
    for (List<String> unmount :
        List.of(
            List.of("fusermount", "-u", point.toString()),
            List.of("umount", point.toString()),
            List.of("umount", "-l", point.toString()))) {
      if (!mounted()) {
        break;
      }
      Process u = new ProcessBuilder(unmount).redirectErrorStream(true).start();
      String out = new String(u.getInputStream().readAllBytes());
      if (u.waitFor() != 0) {
        failures.add(String.join(" ", unmount) + ": " + out.strip());
      }
    }
    if (!process.waitFor(TIMEOUT_NANOS, TimeUnit.NANOSECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      fail("ntfs-3g did not exit after unmounting " + point + ": " + failures);
    }
    if (mounted()) {
      fail(point + " is still mounted: " + failures);
    }
    Runtime.getRuntime().removeShutdownHook(lastResort);
  }

  private boolean mounted() throws IOException {
    String target = " " + point.toAbsolutePath() + " ";
    return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
        .anyMatch(line -> line.contains(target));
  }
}
