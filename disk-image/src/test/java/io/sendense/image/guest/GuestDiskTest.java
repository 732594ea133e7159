package io.sendense.image.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How GuestDisk names volumes and contains misbehaving readers. */
class GuestDiskTest {
  @Test
  void displayNamesUseLabelBinarySizeWithOneDecimalAndUpperCaseType() {
    assertEquals(
        "Partition 3 - Data (100.4 GiB, NTFS)",
        VolumeNames.displayName("Partition 3", "Data", (long) (100.4 * (1L << 30)), "NTFS"));
    assertEquals(
        "Partition 1 (512.0 MiB, Unknown)",
        VolumeNames.displayName("Partition 1", " ", 512L << 20, "Unknown"));
    assertEquals("0.5 MiB", VolumeNames.size(512 << 10));
  }

  @Test
  void aProbeThatThrowsARuntimeExceptionMakesACorruptVolumeNotAFailure() throws Exception {
    FileSystemProbe broken =
        probe(
            device -> {
              throw new ArrayIndexOutOfBoundsException("Index 9 out of bounds for length 4");
            });
    GuestDisk disk =
        GuestDisk.open(new MemoryDevice(new byte[1 << 20]), List.of(), List.of(broken));
    Volume v = disk.volume("0");
    assertEquals(Volume.Status.CORRUPT, v.status());
    assertEquals("corrupt: broken: Index 9 out of bounds for length 4", v.reason());
    assertEquals("Disk (1.0 MiB, Unknown)", v.displayName());
    assertNull(v.fileSystem());
  }

  @Test
  void runtimeExceptionsOfAnOpenedFileSystemBecomeGuestFsExceptionsWithThePath() throws Exception {
    GuestFileSystem misbehaving =
        new GuestFileSystem() {
          @Override
          public String type() {
            return "weird";
          }

          @Override
          public String label() {
            return "L";
          }

          @Override
          public long sizeBytes() {
            return 1;
          }

          @Override
          public GuestEntry stat(GuestPath path) {
            throw new ArithmeticException("/ by zero");
          }

          @Override
          public List<GuestEntry> list(GuestPath path) {
            throw new NegativeArraySizeException("-5");
          }

          @Override
          public InputStream open(GuestPath path) {
            return new InputStream() {
              @Override
              public int read() {
                throw new IllegalStateException("boom");
              }
            };
          }
        };
    GuestDisk disk =
        GuestDisk.open(
            new MemoryDevice(new byte[1 << 20]), List.of(), List.of(probe(device -> misbehaving)));
    GuestFileSystem fs = disk.volume("0").fileSystem();
    assertEquals("Disk - L (1.0 MiB, WEIRD)", disk.volume("0").displayName());
    GuestFsException stat =
        assertThrows(GuestFsException.class, () -> fs.stat(GuestPath.parse("a/b")));
    assertTrue(stat.getMessage().startsWith("/a/b: unreadable structure"), stat.getMessage());
    assertThrows(GuestFsException.class, () -> fs.list(GuestPath.ROOT));
    try (InputStream in = fs.open(GuestPath.parse("f"))) {
      assertThrows(GuestFsException.class, in::read);
    }
  }

  @Test
  void logicalVolumesFollowTheirPhysicalVolumeWithGroupSlashNameIds() throws Exception {
    byte[] bytes = new byte[4 << 20];
    bytes[(2 << 20) + 7] = 'F'; // the file system marker, inside the second MiB
    VolumeManagerProbe lvm =
        new VolumeManagerProbe() {
          @Override
          public String type() {
            return "lvm2";
          }

          @Override
          public Optional<List<LogicalVolume>> open(BlockDevice device) {
            return Optional.of(
                List.of(
                    new LogicalVolume("vg0", "root", device.slice(2 << 20, 1 << 20)),
                    new LogicalVolume("vg0", "empty", device.slice(0, 1 << 20))));
          }
        };
    FileSystemProbe marker =
        new FileSystemProbe() {
          @Override
          public String type() {
            return "mark";
          }

          @Override
          public Optional<GuestFileSystem> open(BlockDevice device) throws java.io.IOException {
            return device.readBytes(7, 1)[0] == 'F'
                ? Optional.of(named("mark", "rootfs"))
                : Optional.empty();
          }
        };
    GuestDisk disk = GuestDisk.open(new MemoryDevice(bytes), List.of(lvm), List.of(marker));
    assertEquals(
        List.of("0", "vg0/root", "vg0/empty"), disk.volumes().stream().map(Volume::id).toList());
    assertEquals(Volume.Status.VOLUME_MANAGER, disk.volume("0").status());
    assertEquals("Disk (4.0 MiB, LVM)", disk.volume("0").displayName());
    assertEquals("Volume vg0/root - rootfs (1.0 MiB, MARK)", disk.volume("vg0/root").displayName());
    assertEquals(-1, disk.volume("vg0/root").offset());
    assertEquals(Volume.Status.UNKNOWN, disk.volume("vg0/empty").status());
  }

  private static GuestFileSystem named(String type, String label) {
    return new GuestFileSystem() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public String label() {
        return label;
      }

      @Override
      public long sizeBytes() {
        return 0;
      }

      @Override
      public GuestEntry stat(GuestPath path) {
        return new GuestEntry("", path, GuestEntry.Kind.DIRECTORY, 0, null, null, null);
      }

      @Override
      public List<GuestEntry> list(GuestPath path) {
        return List.of();
      }

      @Override
      public InputStream open(GuestPath path) {
        return InputStream.nullInputStream();
      }
    };
  }

  @Test
  void guestNamesThatCouldEscapeAFolderAreRefused() {
    for (String bad : List.of("..", ".", "a/b", "nul\0", "")) {
      assertThrows(GuestFsException.class, () -> GuestNames.check(bad, "/dir"), bad);
    }
    assertDoesNotThrow("..hidden");
  }

  private static void assertDoesNotThrow(String name) {
    try {
      assertEquals(name, GuestNames.check(name, "/dir"));
    } catch (GuestFsException e) {
      throw new AssertionError(e);
    }
  }

  /** A probe named "broken" that always matches with what {@code opener} gives. */
  private static FileSystemProbe probe(Opener opener) {
    return new FileSystemProbe() {
      @Override
      public String type() {
        return "broken";
      }

      @Override
      public Optional<GuestFileSystem> open(BlockDevice device) {
        return Optional.of(opener.open(device));
      }
    };
  }

  private interface Opener {
    GuestFileSystem open(BlockDevice device);
  }
}
