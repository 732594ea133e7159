package io.sendense.image.guest.lvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.LogicalVolume;
import io.sendense.image.guest.fstest.FileDevice;
import io.sendense.image.guest.fstest.Hashes;
import io.sendense.image.guest.fstest.MemoryDevice;
import io.sendense.image.guest.fstest.Tools;
import io.sendense.image.qcow2.Qcow2Chain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads logical volumes from a PV written by the LVM tools and compares their bytes. */
class LvmImageIT {
  private static final String LVS =
      """
      	logical_volumes {
      		home {
      			id = "aaaaaa-aaaa-aaaa-aaaa-aaaa-aaaa-aaaaaa"
      			status = ["READ", "WRITE", "VISIBLE"]
      			flags = []
      			segment_count = 2
      			segment1 {
      				start_extent = 0
      				extent_count = 4
      				type = "striped"
      				stripe_count = 1
      				stripes = ["pv0", 10]
      			}
      			segment2 {
      				start_extent = 4
      				extent_count = 2
      				type = "striped"
      				stripe_count = 1
      				stripes = ["pv0", 2]
      			}
      		}
      		root {
      			id = "bbbbbb-bbbb-bbbb-bbbb-bbbb-bbbb-bbbbbb"
      			status = ["READ", "WRITE", "VISIBLE"]
      			flags = []
      			segment_count = 1
      			segment1 {
      				start_extent = 0
      				extent_count = 8
      				type = "striped"
      				stripe_count = 1
      				stripes = ["pv0", 20]
      			}
      		}
      	}
      """;

  @TempDir static Path dir;
  static LvmImages.Built built;
  static Map<String, byte[]> expected = new TreeMap<>();

  @BeforeAll
  static void build() throws Exception {
    built = LvmImages.build(dir, LVS);
    Random random = new Random(3);
    expected.put("home", fill(random, new long[][] {{10, 4}, {2, 2}}));
    expected.put("root", fill(random, new long[][] {{20, 8}}));
  }

  /** Writes random extents at the given PV extents; returns the LV's expected bytes. */
  private static byte[] fill(Random random, long[][] ranges) throws IOException {
    ByteArrayOutputStream lv = new ByteArrayOutputStream();
    try (RandomAccessFile raf = new RandomAccessFile(built.image().toFile(), "rw")) {
      for (long[] range : ranges) {
        byte[] bytes = new byte[(int) (range[1] * LvmImages.EXTENT)];
        random.nextBytes(bytes);
        raf.seek(built.peStart() + range[0] * LvmImages.EXTENT);
        raf.write(bytes);
        lv.write(bytes);
      }
    }
    return lv.toByteArray();
  }

  @Test
  void everyLinearVolumeReadsBackByteForByte() throws Exception {
    try (FileDevice pv = new FileDevice(built.image())) {
      List<LogicalVolume> lvs = new Lvm2Probe().open(pv).orElseThrow();
      assertEquals(2, lvs.size());
      for (LogicalVolume lv : lvs) {
        assertEquals(LvmImages.VG, lv.group());
        byte[] want = expected.get(lv.name());
        assertEquals(want.length, lv.device().size(), lv.name());
        assertEquals(Hashes.sha256(new ByteArrayInputStream(want)), sha(lv.device()), lv.name());
      }
    }
  }

  @Test
  void readAcrossASegmentBoundaryJoinsBothSegments() throws Exception {
    try (FileDevice pv = new FileDevice(built.image())) {
      LogicalVolume home = byName(new Lvm2Probe().open(pv).orElseThrow(), "home");
      long boundary = 4 * LvmImages.EXTENT;
      byte[] got = home.device().readBytes(boundary - 100, 200);
      byte[] want =
          java.util.Arrays.copyOfRange(
              expected.get("home"), (int) boundary - 100, (int) boundary + 100);
      assertEquals(ByteBuffer.wrap(want), ByteBuffer.wrap(got));
    }
  }

  @Test
  void aDeviceWithoutLabelIsNotAPhysicalVolume() throws Exception {
    assertEquals(Optional.empty(), new Lvm2Probe().open(new MemoryDevice(new byte[1 << 20])));
  }

  @Test
  void qcow2WrappedPhysicalVolumeReadsTheSame() throws Exception {
    Path qcow2 = dir.resolve("pv.qcow2");
    Tools.run(
        List.of(
            Tools.require("qemu-img", "qemu-utils"),
            "convert",
            "-O",
            "qcow2",
            built.image().toString(),
            qcow2.toString()));
    try (Qcow2Chain chain = Qcow2Chain.open(qcow2)) {
      LogicalVolume root =
          byName(new Lvm2Probe().open(BlockDevice.of(chain)).orElseThrow(), "root");
      assertEquals(
          Hashes.sha256(new ByteArrayInputStream(expected.get("root"))), sha(root.device()));
    }
  }

  @Test
  void damagedLabelOrMetadataOnlyEverFailsWithIoExceptions() throws Exception {
    byte[] image = java.nio.file.Files.readAllBytes(built.image());
    Random random = new Random(11);
    int opened = 0;
    for (int round = 0; round < 300; round++) {
      byte[] copy = image.clone();
      for (int f = 0; f < 1 + random.nextInt(8); f++) {
        int at =
            random.nextBoolean() ? random.nextInt(4096) : random.nextInt((int) built.peStart());
        copy[at] ^= (byte) (1 + random.nextInt(255));
      }
      opened += assertTimeoutPreemptively(Duration.ofSeconds(10), () -> openAndRead(copy));
    }
    assertTrue(opened > 0, "flips outside the live structures should leave the PV readable");
  }

  private static int openAndRead(byte[] image) {
    try {
      Optional<List<LogicalVolume>> lvs = new Lvm2Probe().open(new MemoryDevice(image));
      if (lvs.isEmpty()) {
        return 0;
      }
      for (LogicalVolume lv : lvs.get()) {
        lv.device().readBytes(0, (int) Math.min(lv.device().size(), 4096));
      }
      return 1;
    } catch (IOException expected) {
      return 0;
    }
  }

  private static LogicalVolume byName(List<LogicalVolume> lvs, String name) {
    return lvs.stream().filter(lv -> lv.name().equals(name)).findFirst().orElseThrow();
  }

  private static String sha(BlockDevice device) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (long at = 0; at < device.size(); at += 1 << 20) {
      all.write(device.readBytes(at, (int) Math.min(1 << 20, device.size() - at)));
    }
    return Hashes.sha256(new ByteArrayInputStream(all.toByteArray()));
  }
}
