package io.sendense.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** TEST TOOLING: a small guest folder tree to build a guest file system from, and file hashes. */
final class GuestFiles {
  private GuestFiles() {}

  /** A folder with a greeting, a report and a random file in a sub-folder. */
  static Path folder(Path root, String hello) throws Exception {
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(root.resolve("hello.txt"), hello);
    Files.writeString(root.resolve("docs/report.txt"), "quarterly numbers\n".repeat(10_000));
    byte[] big = new byte[2 << 20];
    new Random(hello.hashCode()).nextBytes(big);
    Files.write(root.resolve("docs/big.bin"), big);
    return root;
  }

  static String sha(Path file) throws Exception {
    return RestoreIT.fileHash(file);
  }
}
