package io.sendense.image.guest.xfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestEntry;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestFsException;
import io.sendense.image.guest.GuestPath;
import io.sendense.image.guest.fstest.FileDevice;
import io.sendense.image.guest.fstest.Fuzzer;
import io.sendense.image.guest.fstest.Hashes;
import io.sendense.image.guest.fstest.Tools;
import io.sendense.image.qcow2.Qcow2Chain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads an XFS v5 image made by mkfs.xfs from a protofile and compares it with the originals. */
class XfsImageIT {
  @TempDir static Path dir;
  static XfsImages.Built built;
  static FileDevice device;
  static GuestFileSystem fs;
  static Instant before;
  static Instant after;

  @BeforeAll
  static void build() throws Exception {
    before = Instant.now().minusSeconds(2);
    built = XfsImages.build(dir);
    after = Instant.now().plusSeconds(2);
    device = new FileDevice(built.image());
    fs = new XfsProbe().open(device).orElseThrow();
  }

  @AfterAll
  static void close() throws Exception {
    device.close();
  }

  @Test
  void everyFileReadsBackWithTheOriginalSha256AndSize() throws Exception {
    for (Map.Entry<String, Path> e : built.files().entrySet()) {
      GuestPath path = GuestPath.parse(e.getKey());
      assertEquals(Files.size(e.getValue()), fs.stat(path).size(), e.getKey());
      assertEquals(Hashes.sha256(e.getValue()), Hashes.sha256(fs.open(path)), e.getKey());
    }
  }

  @Test
  void bigFolderInNodeFormatListsEveryName() throws Exception {
    List<GuestEntry> many = fs.list(GuestPath.parse("many"));
    Set<String> names = new HashSet<>();
    many.forEach(e -> names.add("many/" + e.name()));
    Set<String> expected = new HashSet<>();
    built.files().keySet().stream().filter(k -> k.startsWith("many/")).forEach(expected::add);
    assertEquals(expected, names);
    assertEquals(XfsImages.BIG_DIR_ENTRIES, many.size());
  }

  @Test
  void rootListsFoldersFilesAndLinksWithTheirKinds() throws Exception {
    Map<String, GuestEntry.Kind> kinds = new java.util.TreeMap<>();
    fs.list(GuestPath.ROOT).forEach(e -> kinds.put(e.name(), e.kind()));
    assertEquals(GuestEntry.Kind.DIRECTORY, kinds.get("many"));
    assertEquals(GuestEntry.Kind.DIRECTORY, kinds.get("level0"));
    assertEquals(GuestEntry.Kind.FILE, kinds.get("Ünïcødé-日本語.txt"));
    assertEquals(GuestEntry.Kind.SYMLINK, kinds.get("short-link"));
    assertEquals(8, kinds.size(), kinds.toString());
  }

  @Test
  void inlineSymlinkGivesItsTarget() throws Exception {
    assertEquals("small.txt", fs.stat(GuestPath.parse("short-link")).linkTarget());
  }

  /**
   * mkfs.xfs 6.1 writes the blocks of a long (remote) symlink from a protofile without the v5 XSLM
   * header, which xfs_repair -n also reports as corrupt: the reader refuses the link but still
   * lists it, as unreadable, next to its healthy siblings.
   */
  @Test
  void remoteSymlinkWithoutV5HeaderIsUnreadableButListed() throws Exception {
    GuestFsException e =
        assertThrows(GuestFsException.class, () -> fs.stat(GuestPath.parse("long-link")));
    assertTrue(
        e.getMessage().contains("long-link") && e.getMessage().contains("header"), e.getMessage());
    GuestEntry listed =
        fs.list(GuestPath.ROOT).stream()
            .filter(x -> x.name().equals("long-link"))
            .findFirst()
            .orElseThrow();
    assertTrue(listed.unsupported().startsWith("unreadable"), listed.toString());
  }

  @Test
  void modificationTimeIsWhenTheImageWasMade() throws Exception {
    Instant mtime = fs.stat(GuestPath.parse("small.txt")).modified();
    assertTrue(!mtime.isBefore(before) && !mtime.isAfter(after), mtime.toString());
  }

  @Test
  void labelTypeAndSizeComeFromTheSuperblock() {
    assertEquals("sendxfs", fs.label());
    assertEquals("xfs", fs.type());
    assertEquals(320L << 20, fs.sizeBytes());
  }

  @Test
  void missingPathIsNamedInTheError() {
    GuestFsException e =
        assertThrows(GuestFsException.class, () -> fs.stat(GuestPath.parse("level0/level1/nope")));
    assertTrue(e.getMessage().contains("level0/level1/nope"), e.getMessage());
  }

  @Test
  void qcow2WrappedImageReadsTheSame() throws Exception {
    Path qcow2 = dir.resolve("xfs.qcow2");
    Tools.run(
        List.of(
            Tools.require("qemu-img", "qemu-utils"),
            "convert",
            "-O",
            "qcow2",
            built.image().toString(),
            qcow2.toString()));
    try (Qcow2Chain chain = Qcow2Chain.open(qcow2)) {
      GuestFileSystem viaQcow2 = new XfsProbe().open(BlockDevice.of(chain)).orElseThrow();
      assertEquals(
          Hashes.sha256(built.files().get("big.bin")),
          Hashes.sha256(viaQcow2.open(GuestPath.parse("big.bin"))));
    }
  }

  @Test
  void damagedMetadataOnlyEverFailsWithIoExceptions() throws Exception {
    byte[] image = Files.readAllBytes(built.image());
    long rootInode = ((XfsFileSystem) fs).inodeOffsetForTest();
    int opened = Fuzzer.run(image, rootInode, rootInode + 64 * 1024, 150, 3, new XfsProbe());
    assertTrue(opened > 0, "some damaged images should still open");
  }
}
