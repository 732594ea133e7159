package io.sendense.image.guest;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds guest disk images the way a guest would have them, without root or mounting: file systems
 * with {@code mkfs.ext4 -d} and {@code mkfs.vfat} + {@code mcopy}, partition tables with {@code
 * sfdisk} on a plain file, and each file system copied in at its partition's offset. A missing tool
 * fails the test with the Debian package to install.
 */
public final class GuestImages {
  public static final long MIB = 1 << 20;

  private GuestImages() {}

  /** An ext2/3/4 image of {@code bytes} holding {@code content} (mkfs -d). */
  public static Path ext(
      Path image, String type, long bytes, Path content, String label, String... options)
      throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                tool("mkfs.ext4", "e2fsprogs").toString(),
                "-q",
                "-F",
                "-t",
                type,
                "-L",
                label,
                "-E",
                "root_owner=0:0"));
    cmd.addAll(List.of(options));
    if (content != null) {
      cmd.addAll(List.of("-d", content.toString()));
    }
    cmd.addAll(List.of(image.toString(), (bytes / 1024) + "k"));
    run(cmd, Map.of());
    return image;
  }

  /** Re-indexes every directory of an ext image into a hash tree ({@code e2fsck -fyD}). */
  public static void htreeIndex(Path image) throws Exception {
    Result r =
        exec(List.of(tool("e2fsck", "e2fsprogs").toString(), "-fyD", image.toString()), Map.of());
    if (r.code() > 1) {
      fail("e2fsck -fyD exited " + r.code() + ": " + r.output());
    }
  }

  /** A FAT12/16/32 image of {@code bytes} with {@code content} copied in by mcopy (mtimes kept). */
  public static Path fat(Path image, int bits, long bytes, Path content, String label)
      throws Exception {
    List<String> mkfs =
        new ArrayList<>(
            List.of(
                tool("mkfs.vfat", "dosfstools").toString(),
                "-C",
                "-F",
                String.valueOf(bits),
                "-n",
                label));
    if (bits == 16 && bytes <= 16 * MIB) {
      mkfs.addAll(List.of("-s", "1")); // small FAT16 needs one-sector clusters to reach 4085
    }
    mkfs.addAll(List.of(image.toString(), String.valueOf(bytes / 1024)));
    run(mkfs, Map.of());
    if (content != null) {
      List<String> cmd =
          new ArrayList<>(
              List.of(tool("mcopy", "mtools").toString(), "-s", "-m", "-i", image.toString()));
      try (var s = Files.list(content)) {
        s.sorted().forEach(p -> cmd.add(p.toString()));
      }
      cmd.add("::/");
      run(cmd, Map.of("MTOOLS_SKIP_CHECK", "1", "LC_ALL", "C.UTF-8", "TZ", "UTC"));
    }
    return image;
  }

  /** A sparse raw disk of {@code bytes} partitioned by an sfdisk script. */
  public static Path disk(Path disk, long bytes, String sfdiskScript) throws Exception {
    try (FileChannel ch =
        FileChannel.open(disk, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(new byte[1]), bytes - 1);
    }
    Path script =
        Files.writeString(disk.resolveSibling(disk.getFileName() + ".sfdisk"), sfdiskScript);
    run(
        List.of(
            "/bin/sh",
            "-c",
            tool("sfdisk", "fdisk") + " --no-reread --no-tell-kernel -q " + disk + " < " + script),
        Map.of());
    return disk;
  }

  /** Copies a file system image into {@code disk} at {@code offset}, skipping zero blocks. */
  public static void place(Path disk, Path fs, long offset) throws IOException {
    try (FileChannel in = FileChannel.open(fs);
        FileChannel out = FileChannel.open(disk, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.allocate(1 << 16);
      for (long at = 0; at < in.size(); at += buf.capacity()) {
        buf.clear();
        while (buf.hasRemaining() && in.read(buf, at + buf.position()) > 0) {
          // keep reading this block
        }
        buf.flip();
        if (!allZero(buf)) {
          out.write(buf, offset + at);
        }
      }
    }
  }

  /** Runs qemu-img (through the QCOW2 tests' helper that fails when it is missing). */
  public static void qemuImg(String... args) throws Exception {
    io.sendense.image.qcow2.QemuImg.ok(args);
  }

  private static boolean allZero(ByteBuffer b) {
    for (int i = b.position(); i < b.limit(); i++) {
      if (b.get(i) != 0) {
        return false;
      }
    }
    return true;
  }

  record Result(int code, String output) {}

  static String run(List<String> cmd, Map<String, String> env) throws Exception {
    Result r = exec(cmd, env);
    if (r.code() != 0) {
      fail(String.join(" ", cmd) + " exited " + r.code() + ":\n" + r.output());
    }
    return r.output();
  }

  private static Result exec(List<String> cmd, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", cmd) + " did not finish in 120 s");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** The tool from PATH or the sbin folders; fails naming the Debian package when missing. */
  public static Path tool(String name, String debianPackage) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Path.of(dir, name);
      }
    }
    fail(
        name
            + " is not installed; run deploy/test-support/install-guest-fs.sh (Debian package "
            + debianPackage
            + ")");
    return null;
  }
}
