package io.sendense.image.guest.ntfs;

import io.sendense.image.guest.fstest.Tools;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Builds an NTFS image with folders through a real ntfs-3g (FUSE) mount: a generated source tree on
 * the host is copied into a fresh mkntfs volume, plus what only the mount can make (a sparse file,
 * a compressed folder, Windows symbolic links and junctions as reparse points).
 */
final class NtfsMountedImages {
  static final int DEPTH = 30;
  static final int LARGE_FOLDER = 2000;
  static final String LARGE = "sub/large";
  static final String SPARSE = "sparse.bin";
  static final long SPARSE_SIZE = 16L << 20;
  static final String COMPRESSED_DIR = "packed";
  static final String UNICODE = "Dokumente/Überweisung ✓ 日本.txt";
  static final String LONG_DIR = "long-" + "d".repeat(110);
  static final String LONG_FILE = LONG_DIR + "/long-" + "ß".repeat(60) + "x".repeat(60) + ".txt";
  private static final Instant BASE = Instant.parse("2022-05-06T07:08:09.1234567Z");

  /**
   * The image, the host tree it was copied from, and the reparse points made only on the mount
   * (guest path → expected link target).
   */
  record Built(Path image, Path source, Map<String, String> reparseLinks) {}

  private NtfsMountedImages() {}

  static Built build(Path dir) throws IOException, InterruptedException {
    Path source = sourceTree(dir.resolve("src"));
    Path image = dir.resolve("ntfs.img");
    try (RandomAccessFile raf = new RandomAccessFile(image.toFile(), "rw")) {
      raf.setLength(96L << 20);
    }
    Tools.run(
        List.of(Tools.require("mkntfs", "ntfs-3g"), "-F", "-f", "-Q", "-L", "Data", "" + image));
    Map<String, String> links =
        Map.of(
            "links/windows-link", "..\\data\\random.bin",
            "links/junction", "C:\\Data");
    try (FuseMount mount = FuseMount.mount(image, dir.resolve("mnt"), "compression")) {
      copyTree(source, mount.point());
      reparse(mount.point().resolve("links/windows-link"), false, "..\\data\\random.bin");
      reparse(mount.point().resolve("links/junction"), true, "C:\\Data");
      copyTimes(source, mount.point());
    }
    return new Built(image, source, links);
  }

  private static Path sourceTree(Path src) throws IOException {
    Random random = new Random(30);
    Path deep = src.resolve("deep");
    for (int i = 1; i <= DEPTH; i++) {
      deep = deep.resolve(String.format("d%02d", i));
    }
    write(deep.resolve("leaf.txt"), random, 1200);
    for (int i = 0; i < LARGE_FOLDER; i++) {
      int size = i % 4 == 0 ? i % 700 : (i * 37) % 9000;
      write(src.resolve(LARGE).resolve(String.format("file-%04d.dat", i)), random, size);
    }
    write(src.resolve("data/random.bin"), random, 24 << 20);
    write(src.resolve("empty.txt"), random, 0);
    write(src.resolve("Dokumente/leer.txt"), random, 0);
    write(src.resolve(UNICODE), random, 5000);
    write(src.resolve(LONG_FILE), random, 777);
    sparse(src.resolve(SPARSE));
    Path notes = Files.createDirectories(src.resolve(COMPRESSED_DIR)).resolve("notes.txt");
    Files.writeString(notes, "compress me, please. ".repeat(20000));
    Files.createDirectories(src.resolve("links"));
    Files.createSymbolicLink(
        src.resolve("links/to-leaf"), src.relativize(deep.resolve("leaf.txt")));
    try (Stream<Path> all = Files.walk(src)) {
      List<Path> paths = all.sorted().toList();
      for (int i = 0; i < paths.size(); i++) {
        if (!Files.isSymbolicLink(paths.get(i))) {
          Files.setLastModifiedTime(paths.get(i), FileTime.from(BASE.plusSeconds(i * 97L)));
        }
      }
    }
    return src;
  }

  /** Sizes the file with a hole, then writes 4 KiB at its end: only the end is allocated. */
  static void sparse(Path file) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(SPARSE_SIZE);
      raf.seek(SPARSE_SIZE - 4096);
      byte[] tail = new byte[4096];
      new Random(5).nextBytes(tail);
      raf.write(tail);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException, InterruptedException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.sorted().toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (p.equals(from)) {
          continue;
        } else if (Files.isSymbolicLink(p)) {
          Files.createSymbolicLink(target, Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          Files.createDirectory(target);
          if (p.getFileName().toString().equals(COMPRESSED_DIR)) {
            // ntfs-3g compresses new files in a folder marked compressed
            // (FILE_ATTRIBUTE_COMPRESSED)
            setfattr(target, "system.ntfs_attrib_be", "0x00000800");
          }
        } else if (p.getFileName().toString().equals(SPARSE)) {
          sparse(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /** Children first, so that setting a folder's time is the last change to it. */
  private static void copyTimes(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!Files.isSymbolicLink(p)) {
          Path target = to.resolve(from.relativize(p).toString());
          Files.setLastModifiedTime(
              target, Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS));
        }
      }
    }
  }

  /**
   * Makes {@code path} a Windows symbolic link (relative) or a junction by writing its raw reparse
   * data through ntfs-3g's {@code system.ntfs_reparse_data} attribute.
   */
  private static void reparse(Path path, boolean junction, String target)
      throws IOException, InterruptedException {
    if (junction) {
      Files.createDirectory(path);
    } else {
      Files.createFile(path);
    }
    byte[] print = target.getBytes(StandardCharsets.UTF_16LE);
    byte[] sub = (junction ? "\\??\\" + target : target).getBytes(StandardCharsets.UTF_16LE);
    int header = junction ? 8 : 12;
    int subSize = sub.length + (junction ? 2 : 0);
    ByteBuffer b =
        ByteBuffer.allocate(8 + header + subSize + print.length + 2).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt((int) (junction ? Reparse.MOUNT_POINT : Reparse.SYMLINK));
    b.putShort((short) (b.capacity() - 8)).putShort((short) 0);
    b.putShort((short) 0).putShort((short) sub.length);
    b.putShort((short) subSize).putShort((short) print.length);
    if (!junction) {
      b.putInt(1); // SYMLINK_FLAG_RELATIVE
    }
    b.put(sub);
    if (junction) {
      b.putShort((short) 0);
    }
    b.put(print).putShort((short) 0);
    setfattr(path, "system.ntfs_reparse_data", "0x" + HexFormat.of().formatHex(b.array()));
  }

  private static void setfattr(Path path, String name, String value)
      throws IOException, InterruptedException {
    Tools.run(List.of(Tools.require("setfattr", "attr"), "-n", name, "-v", value, "" + path));
  }

  private static void write(Path file, Random random, int size) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    Files.write(file, bytes);
  }
}
