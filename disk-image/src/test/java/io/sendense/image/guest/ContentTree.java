package io.sendense.image.guest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Test content for guest file systems, and snapshots that describe a tree by path: {@code dir},
 * {@code file SIZE SHA-256} or {@code link TARGET}. A host folder and a guest file system holding
 * the same files have equal snapshots.
 */
public final class ContentTree {
  public static final String UNICODE_NAME = "Überweisung ✓ 日本.txt";

  private ContentTree() {}

  /** What to put in a tree. */
  public record Spec(int manyFiles, int depth, long bigBytes, boolean sparse, boolean symlinks) {}

  public static Path build(Path dir, Spec spec, long seed) throws IOException {
    Random random = new Random(seed);
    Files.createDirectories(dir);
    Path many = Files.createDirectories(dir.resolve("many"));
    for (int i = 0; i < spec.manyFiles(); i++) {
      // Mostly 8.3 names, every tenth a long one: tools that build FAT images (mcopy) slow down
      // to a crawl when thousands of long names share a prefix and need numbered short aliases.
      String name =
          i % 10 == 1
              ? String.format("Long file name %05d.text", i)
              : String.format("f%05d.txt", i);
      Files.write(many.resolve(name), bytes(random, random.nextInt(3000)));
    }
    Path deep = dir;
    for (int i = 1; i <= spec.depth(); i++) {
      deep = Files.createDirectories(deep.resolve("level" + i));
    }
    Files.writeString(deep.resolve("bottom.txt"), "bottom of " + spec.depth() + " levels\n");
    Files.write(dir.resolve(UNICODE_NAME), bytes(random, 777));
    Files.write(dir.resolve("empty.txt"), new byte[0]);
    Files.createDirectories(dir.resolve("empty dir"));
    Files.write(dir.resolve("Mixed Case Long Name.Document.txt"), bytes(random, 5000));
    Files.write(dir.resolve("SHORT.TXT"), bytes(random, 100));
    Files.write(dir.resolve("lower.txt"), bytes(random, 10));
    if (spec.bigBytes() > 0) {
      Files.write(dir.resolve("big.bin"), bytes(random, (int) spec.bigBytes()));
    }
    if (spec.sparse()) {
      sparse(dir.resolve("sparse.img"), random, 24 << 20, 3);
      sparse(dir.resolve("fragmented.bin"), random, 4000 * 8192L, 4000);
    }
    if (spec.symlinks()) {
      Files.createSymbolicLink(
          dir.resolve("link-relative"), Path.of("many/Long file name 00001.text"));
      Files.createSymbolicLink(dir.resolve("link-absolute"), Path.of("/etc/hostname"));
      Files.createSymbolicLink(
          dir.resolve("link-long"), Path.of("x".repeat(80) + "/" + "y".repeat(90)));
      Files.createSymbolicLink(dir.resolve("level1/link-up"), Path.of("../" + UNICODE_NAME));
    }
    return dir;
  }

  /**
   * A file of {@code size} with {@code chunks} 4 KiB pieces of data evenly spread, holes between.
   */
  private static void sparse(Path file, Random random, long size, int chunks) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
      long step = size / chunks;
      for (int i = 0; i < chunks; i++) {
        f.seek(i * step);
        f.write(bytes(random, 4096));
      }
    }
  }

  static byte[] bytes(Random random, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  /** The snapshot of a host folder. */
  public static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        String rel = root.relativize(p).toString();
        if (rel.isEmpty()) {
          continue;
        }
        if (Files.isSymbolicLink(p)) {
          out.put(rel, "link " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(rel, "dir");
        } else {
          try (InputStream in = Files.newInputStream(p)) {
            out.put(rel, "file " + Files.size(p) + " " + sha256(in));
          }
        }
      }
    }
    return out;
  }

  /** The snapshot of a guest file system, content streamed through {@link GuestFileSystem#open}. */
  public static Map<String, String> snapshot(GuestFileSystem fs) throws IOException {
    Map<String, String> out = new TreeMap<>();
    walk(fs, GuestPath.ROOT, out);
    return out;
  }

  private static void walk(GuestFileSystem fs, GuestPath dir, Map<String, String> out)
      throws IOException {
    for (GuestEntry e : fs.list(dir)) {
      switch (e.kind()) {
        case DIRECTORY -> {
          out.put(e.path().toString(), "dir");
          walk(fs, e.path(), out);
        }
        case SYMLINK -> out.put(e.path().toString(), "link " + e.linkTarget());
        case FILE -> {
          try (InputStream in = fs.open(e.path())) {
            out.put(e.path().toString(), "file " + e.size() + " " + sha256(in));
          }
        }
        default -> out.put(e.path().toString(), "other");
      }
    }
  }

  /**
   * Asserts that a guest tree equals the host tree it was made from (ignoring the guest's {@code
   * lost+found}), reporting only the paths that differ.
   */
  public static void assertSameTree(Map<String, String> expected, Map<String, String> actual) {
    Map<String, String> guest = new TreeMap<>(actual);
    guest.keySet().removeIf(k -> k.equals("lost+found") && !expected.containsKey(k));
    List<String> diff = new ArrayList<>();
    for (String k : expected.keySet()) {
      if (!expected.get(k).equals(guest.get(k))) {
        diff.add(k + ": expected " + expected.get(k) + " but was " + guest.get(k));
      }
    }
    for (String k : guest.keySet()) {
      if (!expected.containsKey(k)) {
        diff.add(k + ": unexpected " + guest.get(k));
      }
    }
    assertTrue(expected.size() > 3, "the source tree is too small to prove anything");
    assertTrue(
        diff.isEmpty(),
        diff.size() + " differences, first: " + diff.subList(0, Math.min(10, diff.size())));
  }

  public static String sha256(InputStream in) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
