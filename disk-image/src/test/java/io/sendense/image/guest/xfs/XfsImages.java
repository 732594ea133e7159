package io.sendense.image.guest.xfs;

import io.sendense.image.guest.fstest.Tools;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds an XFS v5 image with {@code mkfs.xfs -p protofile}: folders, files copied from host files,
 * symlinks, a folder big enough for the node format, a deep tree, Unicode names. Nothing mounted.
 */
final class XfsImages {
  static final int BIG_DIR_ENTRIES = 3000;
  static final int DEPTH = 12;
  static final String LONG_TARGET = "far/away/".repeat(60) + "target";

  private XfsImages() {}

  /** Guest path → host original, and symlink path → target. */
  record Built(Path image, Map<String, Path> files, Map<String, String> links) {}

  static Built build(Path dir) throws IOException, InterruptedException {
    String mkfs = Tools.require("mkfs.xfs", "xfsprogs");
    Path src = Files.createDirectories(dir.resolve("src"));
    Random random = new Random(5);
    Map<String, Path> files = new LinkedHashMap<>();
    Map<String, String> links = new LinkedHashMap<>();
    StringBuilder proto = new StringBuilder("boot\n0 0\nd--755 0 0\n");
    file(proto, files, "", "big.bin", write(src, "big", random, 32 << 20));
    file(proto, files, "", "small.txt", write(src, "small", random, 100));
    file(proto, files, "", "empty", write(src, "empty", random, 0));
    file(proto, files, "", "Ünïcødé-日本語.txt", write(src, "uni", random, 5000));
    link(proto, links, "", "short-link", "small.txt");
    link(proto, links, "", "long-link", LONG_TARGET);
    proto.append("many d--755 0 0\n");
    Path shared = write(src, "shared", random, 3000);
    for (int i = 0; i < BIG_DIR_ENTRIES; i++) {
      String name = String.format("entry-with-a-rather-long-name-%05d.dat", i);
      Path host = i % 500 == 0 ? write(src, "m" + i, random, 1000 + i) : shared;
      file(proto, files, "many/", name, host);
    }
    proto.append("$\n");
    String prefix = "";
    for (int d = 0; d < DEPTH; d++) {
      proto.append("level").append(d).append(" d--755 0 0\n");
      prefix += "level" + d + "/";
      file(proto, files, prefix, "at-" + d + ".bin", write(src, "d" + d, random, 7000 * d));
    }
    proto.append("$\n".repeat(DEPTH)).append("$\n");
    Path protofile = Files.writeString(dir.resolve("proto.txt"), proto);
    Path image = dir.resolve("xfs.img");
    try (RandomAccessFile raf = new RandomAccessFile(image.toFile(), "rw")) {
      raf.setLength(320L << 20);
    }
    Tools.run(
        List.of(mkfs, "-q", "-f", "-L", "sendxfs", "-p", protofile.toString(), image.toString()));
    return new Built(image, files, links);
  }

  private static void file(
      StringBuilder proto, Map<String, Path> files, String prefix, String name, Path host) {
    proto.append(name).append(" ---644 0 0 ").append(host).append('\n');
    files.put(prefix + name, host);
  }

  private static void link(
      StringBuilder proto, Map<String, String> links, String prefix, String name, String target) {
    proto.append(name).append(" l--777 0 0 ").append(target).append('\n');
    links.put(prefix + name, target);
  }

  private static Path write(Path dir, String name, Random random, int size) throws IOException {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return Files.write(dir.resolve(name), bytes);
  }
}
