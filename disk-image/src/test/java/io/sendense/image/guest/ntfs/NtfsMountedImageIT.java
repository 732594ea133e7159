package io.sendense.image.guest.ntfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestDisk;
import io.sendense.image.guest.GuestEntry;
import io.sendense.image.guest.GuestEntry.Kind;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestFsException;
import io.sendense.image.guest.GuestPath;
import io.sendense.image.guest.UnsupportedContentException;
import io.sendense.image.guest.fstest.Hashes;
import io.sendense.image.guest.fstest.Tools;
import io.sendense.image.qcow2.Qcow2Chain;
import io.sendense.image.qcow2.RawFileSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads an NTFS volume whose folders, sparse, compressed and link files were made through a real
 * ntfs-3g mount, as a raw disk and as a QCOW2, and compares every folder and file with the host
 * tree it was copied from.
 */
class NtfsMountedImageIT {
  @TempDir static Path dir;
  static NtfsMountedImages.Built built;
  static RawFileSource raw;
  static Qcow2Chain chain;
  static final Map<String, GuestFileSystem> FS = new HashMap<>();

  /** The reader itself (not behind GuestDisk's guard), to look at runs and index attributes. */
  static NtfsFileSystem direct;

  @BeforeAll
  static void build() throws Exception {
    built = NtfsMountedImages.build(dir);
    raw = new RawFileSource(built.image());
    FS.put("raw", GuestDisk.open(BlockDevice.of(raw)).volume("0").fileSystem());
    direct = (NtfsFileSystem) new NtfsProbe().open(BlockDevice.of(raw)).orElseThrow();
    Path qcow2 = dir.resolve("ntfs.qcow2");
    String qemuImg = Tools.require("qemu-img", "qemu-utils");
    Tools.run(List.of(qemuImg, "convert", "-O", "qcow2", "" + built.image(), "" + qcow2));
    chain = Qcow2Chain.open(qcow2);
    FS.put("qcow2", GuestDisk.open(BlockDevice.of(chain)).volume("0").fileSystem());
  }

  @AfterAll
  static void close() throws Exception {
    if (chain != null) {
      chain.close();
    }
    if (raw != null) {
      raw.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"raw", "qcow2"})
  void everyFolderAndFileMatchesTheHostTree(String source) throws Exception {
    GuestFileSystem fs = FS.get(source);
    assertEquals("Data", fs.label());
    int[] files = {0};
    compare(fs, built.source(), GuestPath.ROOT, files);
    assertTrue(files[0] > NtfsMountedImages.LARGE_FOLDER + 5, "files compared: " + files[0]);
  }

  private void compare(GuestFileSystem fs, Path host, GuestPath guest, int[] files)
      throws IOException {
    Map<String, GuestEntry> listed = new HashMap<>();
    for (GuestEntry e : fs.list(guest)) {
      assertNull(listed.put(e.name(), e), "listed twice: " + e.path());
    }
    Set<String> expected = new HashSet<>();
    try (Stream<Path> children = Files.list(host)) {
      children.forEach(c -> expected.add(c.getFileName().toString()));
    }
    built.reparseLinks().keySet().stream()
        .map(GuestPath::parse)
        .filter(p -> p.parent().equals(guest))
        .forEach(p -> expected.add(p.name()));
    assertEquals(expected, listed.keySet(), "names in /" + guest);
    for (String name : expected) {
      Path h = host.resolve(name);
      GuestEntry e = listed.get(name);
      if (built.reparseLinks().containsKey(e.path().toString()) || Files.isSymbolicLink(h)) {
        continue; // see linksAreListedAsSymlinksWithTheirTargets
      }
      assertMtime(h, e);
      if (Files.isDirectory(h)) {
        assertEquals(Kind.DIRECTORY, e.kind(), e.path().toString());
        compare(fs, h, e.path(), files);
      } else {
        assertEquals(Kind.FILE, e.kind(), e.path().toString());
        assertEquals(Files.size(h), e.size(), e.path().toString());
        if (guest.toString().equals(NtfsMountedImages.COMPRESSED_DIR)) {
          continue; // see compressedFileIsListedAsUnsupportedAndCannotBeOpened
        }
        assertNull(e.unsupported(), e.path().toString());
        assertEquals(Hashes.sha256(h), Hashes.sha256(fs.open(e.path())), e.path().toString());
        files[0]++;
      }
    }
  }

  private static void assertMtime(Path host, GuestEntry e) throws IOException {
    Duration delta =
        Duration.between(
            Files.getLastModifiedTime(host, LinkOption.NOFOLLOW_LINKS).toInstant(), e.modified());
    assertTrue(delta.abs().compareTo(Duration.ofSeconds(1)) < 0, e.path() + " mtime off " + delta);
  }

  @Test
  void largeFolderBelowTheRootUsesAnIndexAllocationTree() throws Exception {
    NtfsFileSystem fs = direct;
    GuestPath large = GuestPath.parse(NtfsMountedImages.LARGE);
    assertFalse(fs.file(large).all(Attribute.INDEX_ALLOCATION, "$I30").isEmpty());
    assertEquals(NtfsMountedImages.LARGE_FOLDER, fs.list(large).size());
  }

  @Test
  void sparseFileHasAHoleThatReadsAsZeros() throws Exception {
    NtfsFileSystem fs = direct;
    GuestPath path = GuestPath.parse(NtfsMountedImages.SPARSE);
    assertEquals(NtfsMountedImages.SPARSE_SIZE, fs.stat(path).size());
    assertTrue(
        fs.file(path).data().stream().flatMap(a -> a.runs().stream()).anyMatch(Run::sparse),
        "ntfs-3g should have left a sparse run");
    try (InputStream in = fs.open(path)) {
      byte[] hole = in.readNBytes((int) NtfsMountedImages.SPARSE_SIZE - 4096);
      assertArrayEquals(new byte[hole.length], hole);
      assertArrayEquals(
          Files.readAllBytes(built.source().resolve(NtfsMountedImages.SPARSE)), concat(hole, in));
    }
  }

  private static byte[] concat(byte[] head, InputStream rest) throws IOException {
    byte[] tail = rest.readAllBytes();
    byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  @Test
  void linksAreListedAsSymlinksWithTheirTargets() throws Exception {
    GuestFileSystem fs = FS.get("raw");
    Map<String, String> links = new HashMap<>(built.reparseLinks());
    // ln -s on an ntfs-3g mount makes an Interix symlink (a system file), not a reparse point
    links.put(
        "links/to-leaf",
        Files.readSymbolicLink(built.source().resolve("links/to-leaf")).toString());
    for (Map.Entry<String, String> link : links.entrySet()) {
      GuestEntry e = fs.stat(GuestPath.parse(link.getKey()));
      assertEquals(Kind.SYMLINK, e.kind(), link.getKey());
      assertEquals(link.getValue(), e.linkTarget(), link.getKey());
    }
  }

  @Test
  void compressedFileIsListedAsUnsupportedAndCannotBeOpened() throws Exception {
    GuestFileSystem fs = FS.get("raw");
    GuestPath path = GuestPath.parse(NtfsMountedImages.COMPRESSED_DIR + "/notes.txt");
    GuestEntry e = fs.list(path.parent()).get(0);
    assertEquals(path, e.path());
    assertEquals("compressed NTFS file", e.unsupported());
    assertEquals(Files.size(built.source().resolve(path.toString())), e.size());
    assertThrows(UnsupportedContentException.class, () -> fs.open(path));
  }

  @Test
  void namesResolveIgnoringCaseAlsoInDeepFolders() throws Exception {
    GuestFileSystem fs = FS.get("raw");
    StringBuilder deep = new StringBuilder("DEEP");
    for (int i = 1; i <= NtfsMountedImages.DEPTH; i++) {
      deep.append(String.format("/D%02d", i));
    }
    assertEquals("leaf.txt", fs.stat(GuestPath.parse(deep + "/LEAF.TXT")).name());
    assertEquals(
        "Überweisung ✓ 日本.txt", fs.stat(GuestPath.parse("dokumente/üBERWEISUNG ✓ 日本.TXT")).name());
  }

  @Test
  void aPathBelowAFileIsRefused() {
    GuestFileSystem fs = FS.get("raw");
    GuestPath below = GuestPath.parse("data/random.bin/inside");
    assertThrows(GuestFsException.class, () -> fs.stat(below));
    assertThrows(GuestFsException.class, () -> fs.list(below));
    assertThrows(GuestFsException.class, () -> fs.open(below));
    assertThrows(GuestFsException.class, () -> fs.list(GuestPath.parse("data/random.bin")));
  }
}
