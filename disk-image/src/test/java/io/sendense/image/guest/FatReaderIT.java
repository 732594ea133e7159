package io.sendense.image.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FAT12, FAT16 and FAT32 images made by mkfs.vfat and filled by mcopy read back exactly like the
 * folder they were filled from: long Unicode names, 8.3 names with case flags, deep trees, a big
 * folder, and every file's hash.
 */
class FatReaderIT {
  @TempDir Path dir;

  @Test
  void fat12FloppySizedVolumeReadsLikeItsSourceFolder() throws Exception {
    Path content =
        ContentTree.build(dir.resolve("c"), new ContentTree.Spec(20, 3, 100_000, false, false), 11);
    GuestFileSystem fs =
        ExtReaderIT.readOnly(
            GuestImages.fat(dir.resolve("f12.img"), 12, 2 * GuestImages.MIB, content, "FLOPPY"));
    assertEquals("fat12", fs.type());
    assertEquals("FLOPPY", fs.label());
    ContentTree.assertSameTree(ContentTree.snapshot(content), ContentTree.snapshot(fs));
  }

  @Test
  void fat16WithThousandsOfFilesAndDeepTreeReadsLikeItsSourceFolder() throws Exception {
    Path content =
        ContentTree.build(
            dir.resolve("c"),
            new ContentTree.Spec(3000, 40, 8 * GuestImages.MIB, false, false),
            12);
    GuestFileSystem fs =
        ExtReaderIT.readOnly(
            GuestImages.fat(dir.resolve("f16.img"), 16, 48 * GuestImages.MIB, content, "DATA16"));
    assertEquals("fat16", fs.type());
    assertEquals("DATA16", fs.label());
    ContentTree.assertSameTree(ContentTree.snapshot(content), ContentTree.snapshot(fs));
  }

  @Test
  void fat32ReadsLikeItsSourceFolderAndKeepsNamesTimesAndCase() throws Exception {
    Path content =
        ContentTree.build(
            dir.resolve("c"),
            new ContentTree.Spec(500, 10, 16 * GuestImages.MIB, false, false),
            13);
    GuestFileSystem fs =
        ExtReaderIT.readOnly(
            GuestImages.fat(dir.resolve("f32.img"), 32, 80 * GuestImages.MIB, content, "BIG32"));
    assertEquals("fat32", fs.type());
    assertEquals("BIG32", fs.label());
    ContentTree.assertSameTree(ContentTree.snapshot(content), ContentTree.snapshot(fs));
    List<String> root = fs.list(GuestPath.ROOT).stream().map(GuestEntry::name).toList();
    assertTrue(
        root.contains("lower.txt")
            && root.contains("SHORT.TXT")
            && root.contains(ContentTree.UNICODE_NAME),
        root.toString());
    GuestEntry big = fs.stat(GuestPath.parse("big.bin"));
    long hostSeconds =
        Files.getLastModifiedTime(content.resolve("big.bin")).toInstant().getEpochSecond();
    assertTrue(
        Math.abs(big.modified().getEpochSecond() - hostSeconds) <= 2,
        big.modified() + " vs " + hostSeconds);
    try (InputStream in = fs.open(GuestPath.parse("short.txt"))) {
      assertEquals(100, in.readAllBytes().length, "FAT names match ignoring case");
    }
  }
}
