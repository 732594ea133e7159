package io.sendense.system;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TEST TOOLING: builds a real guest disk image without mounting or root: an MBR written by {@code
 * sfdisk} on a plain file, and an ext4 file system made by {@code mkfs.ext4 -d FOLDER} in a
 * partition-sized file, copied in at the partition's offset. Tools: {@code
 * deploy/test-support/install-guest-fs.sh}.
 */
final class GuestImages {
  static final long SECTOR = 512;

  /** Partition 1 (ext4, label "data"): 1 MiB .. 57 MiB; partition 2 (no file system) after it. */
  static final long P1_START = 2048;

  static final long P1_SECTORS = 114688;

  private GuestImages() {}

  /** Writes a 2-partition MBR disk of {@code size} bytes whose partition 1 holds {@code folder}. */
  static void build(Path folder, Path disk, long size, Path work) throws Exception {
    Files.deleteIfExists(disk);
    run(work, "truncate", "-s", Long.toString(size), disk.toString());
    String layout =
        "label: dos\nstart="
            + P1_START
            + ", size="
            + P1_SECTORS
            + ", type=83\nstart="
            + (P1_START + P1_SECTORS)
            + ", type=83\n";
    Path script = work.resolve("layout.sfdisk");
    Files.writeString(script, layout);
    run(work, "sh", "-c", "sfdisk --no-reread --no-tell-kernel '" + disk + "' < '" + script + "'");
    Path part = work.resolve("p1.ext4");
    Files.deleteIfExists(part);
    run(work, "truncate", "-s", Long.toString(P1_SECTORS * SECTOR), part.toString());
    run(
        work,
        "mkfs.ext4",
        "-q",
        "-F",
        "-L",
        "data",
        "-E",
        "root_owner=0:0",
        "-d",
        folder.toString(),
        part.toString());
    try (FileChannel in = FileChannel.open(part);
        FileChannel out = FileChannel.open(disk, StandardOpenOption.WRITE)) {
      long at = P1_START * SECTOR;
      for (long done = 0; done < in.size(); ) {
        done += in.transferTo(done, in.size() - done, out.position(at + done));
      }
    }
    Files.delete(part);
  }

  /** Overwrites {@code target} in place with {@code image} (vcsim keeps its file). */
  static void writeInPlace(Path image, Path target) throws IOException {
    try (FileChannel in = FileChannel.open(image);
        FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
      for (long done = 0; done < in.size(); ) {
        done += in.transferTo(done, in.size() - done, out.position(done));
      }
      out.force(true);
    }
  }

  private static void run(Path work, String... command) throws Exception {
    List<String> args = new ArrayList<>(List.of(command));
    Process process =
        new ProcessBuilder(args).directory(work.toFile()).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new AssertionError(
          String.join(" ", args)
              + " failed (run deploy/test-support/install-guest-fs.sh for e2fsprogs and fdisk): "
              + out);
    }
  }
}
