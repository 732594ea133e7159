package io.sendense.image.guest.ntfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads an NTFS volume made by mkntfs + ntfscp and compares everything with the originals. */
class NtfsImageIT {
  @TempDir static Path dir;
  static NtfsImages.Built built;
  static FileDevice device;
  static GuestFileSystem fs;

  @BeforeAll
  static void build() throws Exception {
    built = NtfsImages.rootOnly(dir);
    device = new FileDevice(built.image());
    fs = new NtfsProbe().open(device).orElseThrow();
  }

  @AfterAll
  static void close() throws Exception {
    device.close();
  }

  @Test
  void rootListsExactlyTheCopiedFilesWithTheirSizes() throws Exception {
    List<GuestEntry> root = fs.list(GuestPath.ROOT);
    Set<String> names = new HashSet<>();
    for (GuestEntry e : root) {
      names.add(e.name());
      Path original = built.files().get(e.name());
      if (original != null) {
        assertEquals(Files.size(original), e.size(), e.name());
        assertEquals(GuestEntry.Kind.FILE, e.kind(), e.name());
      }
    }
    Set<String> missing = new HashSet<>(built.files().keySet());
    missing.removeAll(names);
    Set<String> extra = new HashSet<>(names);
    extra.removeAll(built.files().keySet());
    assertEquals(Set.of(), missing, "copied but not listed");
    assertEquals(Set.of(), extra, "listed but never copied");
    assertEquals(root.size(), names.size(), "no name is listed twice (DOS aliases hidden)");
  }

  @Test
  void everyFileReadsBackWithTheOriginalSha256() throws Exception {
    for (Map.Entry<String, Path> e : built.files().entrySet()) {
      assertEquals(
          Hashes.sha256(e.getValue()),
          Hashes.sha256(fs.open(GuestPath.parse(e.getKey()))),
          e.getKey());
    }
  }

  @Test
  void bigFileIsSpreadOverSeveralRunsAndStillReadsBack() throws Exception {
    NtfsFileSystem ntfs = (NtfsFileSystem) fs;
    assertTrue(ntfs.runCount(GuestPath.parse("big.bin")) >= 3, "big.bin should be fragmented");
    assertEquals(
        Hashes.sha256(built.files().get("big.bin")),
        Hashes.sha256(fs.open(GuestPath.parse("big.bin"))));
  }

  @Test
  void volumeLabelAndSizeComeFromTheVolume() throws Exception {
    assertEquals("Sendense NTFS", fs.label());
    assertEquals("ntfs", fs.type());
    assertTrue(fs.sizeBytes() > (95L << 20) && fs.sizeBytes() <= 96L << 20, "" + fs.sizeBytes());
  }

  @Test
  void modificationTimeIsTheCopiedTimestamp() throws Exception {
    GuestEntry entry = fs.stat(GuestPath.parse("file-0007.dat"));
    assertEquals(NtfsImages.BASE_TIME.plusSeconds(7 * 61L), entry.modified());
  }

  @Test
  void namesResolveIgnoringCaseLikeWindows() throws Exception {
    assertEquals("tiny.txt", fs.stat(GuestPath.parse("TINY.TXT")).name());
  }

  @Test
  void metafilesAreHiddenAndUnreachable() throws Exception {
    assertFalse(fs.list(GuestPath.ROOT).stream().anyMatch(e -> e.name().startsWith("$")));
    GuestFsException e =
        assertThrows(GuestFsException.class, () -> fs.stat(GuestPath.parse("$MFT")));
    assertTrue(e.getMessage().contains("$MFT"), e.getMessage());
  }

  @Test
  void aFileIsNotAFolder() {
    GuestFsException e =
        assertThrows(GuestFsException.class, () -> fs.list(GuestPath.parse("tiny.txt")));
    assertTrue(e.getMessage().contains("tiny.txt"), e.getMessage());
  }

  @Test
  void qcow2WrappedVolumeReadsTheSame() throws Exception {
    Path qcow2 = dir.resolve("ntfs.qcow2");
    Tools.run(
        List.of(
            Tools.require("qemu-img", "qemu-utils"),
            "convert",
            "-O",
            "qcow2",
            built.image().toString(),
            qcow2.toString()));
    try (Qcow2Chain chain = Qcow2Chain.open(qcow2)) {
      GuestFileSystem viaQcow2 = new NtfsProbe().open(BlockDevice.of(chain)).orElseThrow();
      assertEquals(
          Hashes.sha256(built.files().get("file-0005.dat")),
          Hashes.sha256(viaQcow2.open(GuestPath.parse("file-0005.dat"))));
      assertEquals(fs.list(GuestPath.ROOT).size(), viaQcow2.list(GuestPath.ROOT).size());
    }
  }

  @Test
  void compressedFlagMakesAFileListedAsUnsupportedAndUnopenable() throws Exception {
    byte[] image = Files.readAllBytes(built.image());
    String name = "Ünïcødé-日本語.txt";
    markDataCompressed(image, name);
    GuestFileSystem damaged =
        new NtfsProbe().open(new io.sendense.image.guest.fstest.MemoryDevice(image)).orElseThrow();
    GuestEntry entry = damaged.stat(GuestPath.parse(name));
    assertEquals("compressed NTFS file", entry.unsupported());
    assertEquals(3000, entry.size());
    assertThrows(
        io.sendense.image.guest.UnsupportedContentException.class,
        () -> damaged.open(GuestPath.parse(name)));
  }

  /** Sets the compression bit of the unnamed $DATA of the file called {@code name}. */
  private static void markDataCompressed(byte[] image, String name) throws Exception {
    BootSector boot = BootSector.read(new FileDevice(built.image())).orElseThrow();
    int size = boot.mftRecordSize();
    long mft = boot.mftLcn() * boot.clusterSize();
    for (long at = mft; at < mft + 4096L * size; at += size) {
      byte[] record = java.util.Arrays.copyOfRange(image, (int) at, (int) at + size);
      MftRecord parsed;
      try {
        parsed = MftRecord.parse(0, record, boot.clusterCount());
      } catch (GuestFsException notARecord) {
        continue;
      }
      boolean named =
          parsed.attributes().stream()
              .filter(a -> a.type() == Attribute.FILE_NAME)
              .anyMatch(
                  a ->
                      new String(
                              a.value(),
                              66,
                              a.value().length - 66,
                              java.nio.charset.StandardCharsets.UTF_16LE)
                          .equals(name));
      if (named) {
        int attr = Le.u16(record, 20);
        while (Le.u32(record, attr) != Attribute.DATA) {
          attr += (int) Le.u32(record, attr + 4);
        }
        image[(int) at + attr + 12] |= 0x01;
        return;
      }
    }
    throw new AssertionError("no MFT record names " + name);
  }

  @Test
  void damagedMetadataOnlyEverFailsWithIoExceptions() throws Exception {
    byte[] image = Files.readAllBytes(built.image());
    BootSector boot = BootSector.read(new FileDevice(built.image())).orElseThrow();
    long mft = boot.mftLcn() * boot.clusterSize();
    int opened = Fuzzer.run(image, mft, mft + 64 * 1024, 150, 1, new NtfsProbe());
    assertTrue(opened > 0, "some damaged volumes should still open");
  }
}
