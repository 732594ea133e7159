package io.sendense.image.guest.ntfs;

import io.sendense.image.guest.fstest.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds NTFS test images with ntfs-3g's offline tools only (mkntfs, ntfscp, ntfstruncate): nothing
 * is mounted. ntfscp cannot create folders, so every file lands in the root.
 */
final class NtfsImages {
  static final int SMALL_FILES = 1100;
  static final Instant BASE_TIME = Instant.parse("2021-03-04T05:06:07Z");

  private NtfsImages() {}

  /** Guest name → host original. */
  record Built(Path image, Map<String, Path> files) {}

  static Built rootOnly(Path dir) throws IOException, InterruptedException {
    String mkntfs = Tools.require("mkntfs", "ntfs-3g");
    String ntfscp = Tools.require("ntfscp", "ntfs-3g");
    Path image = dir.resolve("ntfs.img");
    Path src = Files.createDirectories(dir.resolve("src"));
    try (var raf = new java.io.RandomAccessFile(image.toFile(), "rw")) {
      raf.setLength(96L << 20);
    }
    Tools.run(List.of(mkntfs, "-F", "-f", "-Q", "-L", "Sendense NTFS", image.toString()));
    Map<String, Path> files = new LinkedHashMap<>();
    Random random = new Random(42);
    files.put("tiny.txt", Files.writeString(src.resolve("tiny.txt"), "hello, resident"));
    files.put("empty.txt", Files.write(src.resolve("empty.txt"), new byte[0]));
    files.put("Ünïcødé-日本語.txt", write(src.resolve("unicode1"), random, 3000, 1));
    files.put("emoji-😀.bin", write(src.resolve("unicode2"), random, 700, 2));
    for (int i = 0; i < SMALL_FILES; i++) {
      int size = i % 3 == 0 ? 100 + i % 50 : (i * 37) % 20000;
      files.put(String.format("file-%04d.dat", i), write(src.resolve("s" + i), random, size, i));
    }
    for (Map.Entry<String, Path> e : files.entrySet()) {
      Tools.run(List.of(ntfscp, "-q", "-t", image.toString(), e.getValue().toString(), e.getKey()));
    }
    fragmentFreeSpace(dir, image, ntfscp, files);
    files.put("big.bin", write(src.resolve("big.bin"), random, 32 << 20, 0));
    Tools.run(
        List.of(ntfscp, "-q", image.toString(), src.resolve("big.bin").toString(), "big.bin"));
    return new Built(image, files);
  }

  /**
   * Two 8 MiB files truncated to nothing leave holes, and a 38 MiB file uses up most of the free
   * space after them, so the big file copied next must be split over several runs.
   */
  private static void fragmentFreeSpace(
      Path dir, Path image, String ntfscp, Map<String, Path> files)
      throws IOException, InterruptedException {
    String ntfsinfo = Tools.require("ntfsinfo", "ntfs-3g");
    String ntfstruncate = Tools.require("ntfstruncate", "ntfs-3g");
    Path filler = write(dir.resolve("filler"), new Random(7), 8 << 20, 0);
    Path spacer = write(dir.resolve("spacer"), new Random(8), 1 << 20, 0);
    Path empty = Files.write(dir.resolve("filler-empty"), new byte[0]);
    files.put("tail.bin", write(dir.resolve("tail"), new Random(9), 38 << 20, 0));
    for (String name : List.of("filler1", "spacer1", "filler2", "spacer2", "tail.bin")) {
      Path from =
          name.startsWith("filler") ? filler : name.startsWith("spacer") ? spacer : files.get(name);
      Tools.run(List.of(ntfscp, "-q", image.toString(), from.toString(), name));
      files.put(name, name.startsWith("filler") ? empty : from);
    }
    for (String name : List.of("filler1", "filler2")) {
      String info = Tools.run(List.of(ntfsinfo, "-F", "/" + name, image.toString()));
      Matcher m = Pattern.compile("Dumping Inode (\\d+)").matcher(info);
      if (!m.find()) {
        throw new IllegalStateException(
            "ntfsinfo did not name the inode of " + name + ":\n" + info);
      }
      Tools.run(List.of(ntfstruncate, image.toString(), m.group(1), "0x80", "0"));
    }
  }

  static Path write(Path file, Random random, int size, int index) throws IOException {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    Files.write(file, bytes);
    Files.setLastModifiedTime(file, FileTime.from(BASE_TIME.plusSeconds(index * 61L)));
    return file;
  }

  static List<String> names(Map<String, Path> files) {
    return new ArrayList<>(files.keySet());
  }
}
