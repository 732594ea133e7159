package io.sendense.image.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.qcow2.RawFileSource;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ext2, ext3 and ext4 images made by mkfs from a folder read back exactly like that folder: every
 * name, symlink target and file hash, through {@link GuestDisk} on an unpartitioned raw disk.
 */
class ExtReaderIT {
  @TempDir Path dir;

  @Test
  void ext4WithHashedDirectoriesAndExtentTreesReadsLikeItsSourceFolder() throws Exception {
    Path content =
        ContentTree.build(
            dir.resolve("c"), new ContentTree.Spec(3000, 40, 64 * GuestImages.MIB, true, true), 1);
    Path image =
        GuestImages.ext(dir.resolve("e4.img"), "ext4", 160 * GuestImages.MIB, content, "rootfs");
    GuestImages.htreeIndex(image);
    String htree = debugfs(image, "htree many");
    assertTrue(htree.contains("Root node dump"), "many/ should be hash-indexed: " + htree);
    String tree = debugfs(image, "ex fragmented.bin");
    assertTrue(
        tree.contains(" 1/ 1 ") || tree.contains(" 1/ 2 "),
        "fragmented.bin should have an extent tree deeper than the inode: " + tree);
    GuestFileSystem fs = readOnly(image);
    assertEquals("ext4", fs.type());
    assertEquals("rootfs", fs.label());
    ContentTree.assertSameTree(ContentTree.snapshot(content), ContentTree.snapshot(fs));
  }

  @Test
  void ext3WithIndirectBlocksReadsLikeItsSourceFolder() throws Exception {
    Path content =
        ContentTree.build(
            dir.resolve("c"), new ContentTree.Spec(300, 12, 20 * GuestImages.MIB, true, true), 2);
    Path image =
        GuestImages.ext(dir.resolve("e3.img"), "ext3", 96 * GuestImages.MIB, content, "old");
    GuestFileSystem fs = readOnly(image);
    assertEquals("ext3", fs.type());
    assertEquals("old", fs.label());
    ContentTree.assertSameTree(ContentTree.snapshot(content), ContentTree.snapshot(fs));
  }

  @Test
  void ext2WithSmallBlocksAndSmallInodesReachesDoubleAndTripleIndirection() throws Exception {
    Path content =
        ContentTree.build(
            dir.resolve("c"), new ContentTree.Spec(50, 5, 70 * GuestImages.MIB, true, true), 3);
    Path image =
        GuestImages.ext(
            dir.resolve("e2.img"),
            "ext2",
            128 * GuestImages.MIB,
            content,
            "",
            "-b",
            "1024",
            "-I",
            "128");
    GuestFileSystem fs = readOnly(image);
    assertEquals("ext2", fs.type());
    assertEquals("", fs.label());
    ContentTree.assertSameTree(ContentTree.snapshot(content), ContentTree.snapshot(fs));
  }

  @Test
  void inlineDataFilesAndDirectoriesRead() throws Exception {
    Path content = Files.createDirectories(dir.resolve("c"));
    Files.writeString(content.resolve("tiny.txt"), "in the inode\n");
    Files.writeString(content.resolve("small.txt"), "x".repeat(100) + "\n");
    Files.createDirectories(content.resolve("sub"));
    Files.writeString(content.resolve("sub/a"), "a");
    Files.write(content.resolve("block.bin"), ContentTree.bytes(new java.util.Random(4), 9000));
    Path image =
        GuestImages.ext(
            dir.resolve("inline.img"),
            "ext4",
            8 * GuestImages.MIB,
            content,
            "inline",
            "-O",
            "inline_data",
            "-I",
            "256");
    assertTrue(
        debugfs(image, "stat tiny.txt").contains("Size of inline data"),
        "tiny.txt should be inline");
    ContentTree.assertSameTree(
        ContentTree.snapshot(content), ContentTree.snapshot(readOnly(image)));
  }

  @Test
  void timesAndKindsComeFromTheInode() throws Exception {
    Path content =
        ContentTree.build(dir.resolve("c"), new ContentTree.Spec(3, 2, 0, false, true), 5);
    Files.setLastModifiedTime(
        content.resolve("empty.txt"),
        java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L));
    GuestFileSystem fs =
        readOnly(GuestImages.ext(dir.resolve("t.img"), "ext4", 8 * GuestImages.MIB, content, "t"));
    GuestEntry empty = fs.stat(GuestPath.parse("empty.txt"));
    assertEquals(1_700_000_000L, empty.modified().getEpochSecond());
    assertEquals(GuestEntry.Kind.FILE, empty.kind());
    assertEquals(0, empty.size());
    GuestEntry link = fs.stat(GuestPath.parse("link-long"));
    assertEquals(GuestEntry.Kind.SYMLINK, link.kind());
    assertEquals(171, link.linkTarget().length());
    assertEquals(GuestEntry.Kind.DIRECTORY, fs.stat(GuestPath.parse("level1/level2")).kind());
    try (InputStream in = fs.open(GuestPath.parse("empty.txt"))) {
      assertEquals(-1, in.read());
    }
  }

  @Test
  void wrongPathsFailWithThePathInTheMessage() throws Exception {
    Path content =
        ContentTree.build(dir.resolve("c"), new ContentTree.Spec(3, 1, 0, false, true), 6);
    GuestFileSystem fs =
        readOnly(GuestImages.ext(dir.resolve("w.img"), "ext4", 8 * GuestImages.MIB, content, "w"));
    GuestFsException missing =
        assertThrows(GuestFsException.class, () -> fs.list(GuestPath.parse("many/nope")));
    assertEquals("/many/nope: no such file or directory", missing.getMessage());
    GuestFsException notDir =
        assertThrows(GuestFsException.class, () -> fs.list(GuestPath.parse("empty.txt")));
    assertEquals("/empty.txt: not a directory", notDir.getMessage());
    GuestFsException notFile =
        assertThrows(GuestFsException.class, () -> fs.open(GuestPath.parse("level1")));
    assertEquals("/level1: not a regular file", notFile.getMessage());
    assertEquals(
        List.of("Long file name 00001.text", "f00000.txt", "f00002.txt"),
        fs.list(GuestPath.parse("many")).stream().map(GuestEntry::name).sorted().toList());
  }

  @Test
  void severalThreadsReadTheSameFileSystemAtOnce() throws Exception {
    Path content =
        ContentTree.build(
            dir.resolve("c"), new ContentTree.Spec(400, 4, 12 * GuestImages.MIB, true, false), 7);
    GuestFileSystem fs =
        readOnly(
            GuestImages.ext(dir.resolve("mt.img"), "ext4", 48 * GuestImages.MIB, content, "mt"));
    Map<String, String> expected = ContentTree.snapshot(content);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Map<String, String>>> runs = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        runs.add(pool.submit(() -> ContentTree.snapshot(fs)));
      }
      for (java.util.concurrent.Future<Map<String, String>> run : runs) {
        ContentTree.assertSameTree(expected, run.get(120, java.util.concurrent.TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The image as an unpartitioned disk: one volume "0" holding the file system. */
  static GuestFileSystem readOnly(Path image) throws Exception {
    RawFileSource source = new RawFileSource(image);
    GuestDisk disk = GuestDisk.open(BlockDevice.of(source));
    Volume volume = disk.volume("0");
    assertTrue(volume.readable(), volume.reason());
    return volume.fileSystem();
  }

  static String debugfs(Path image, String request) throws Exception {
    return GuestImages.run(
        List.of(
            GuestImages.tool("debugfs", "e2fsprogs").toString(), "-R", request, image.toString()),
        Map.of());
  }
}
