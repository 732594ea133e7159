package io.sendense.image.guest.lvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.guest.GuestFsException;
import io.sendense.image.guest.LogicalVolume;
import io.sendense.image.guest.fstest.MemoryDevice;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeGroupReaderTest {
  private static final String VG =
      """
      # comment
      contents = "Text Format Volume Group"
      vg {
        id = "x"
        seqno = 7
        extent_size = 8  # 4 KiB
        physical_volumes { pv0 { id = "ABCD-EF" pe_start = 8 pe_count = 30 } }
        logical_volumes {
          %s
        }
      }
      """;

  private static final String LINEAR =
      """
      lin { status = ["READ", "VISIBLE"] segment_count = 1
        segment1 { start_extent = 0 extent_count = 2 type = "striped" stripe_count = 1
                   stripes = ["pv0", 3] } }
      """;

  private static List<LogicalVolume> volumes(String lvs) throws Exception {
    ConfigSection vg = VolumeGroupReader.volumeGroup(ConfigParser.parse(VG.formatted(lvs)));
    return VolumeGroupReader.volumes(vg, "ABCDEF", new MemoryDevice(new byte[128 * 1024]));
  }

  @Test
  void linearVolumeMapsItsExtentsAfterPeStart() throws Exception {
    byte[] pv = new byte[128 * 1024];
    pv[4096 + 3 * 4096] = 42;
    ConfigSection vg = VolumeGroupReader.volumeGroup(ConfigParser.parse(VG.formatted(LINEAR)));
    LogicalVolume lv = VolumeGroupReader.volumes(vg, "ABCDEF", new MemoryDevice(pv)).get(0);
    assertEquals(8192, lv.device().size());
    assertEquals(42, lv.device().readBytes(0, 1)[0]);
  }

  @Test
  void stripedThinAndOtherPvVolumesAreSkipped() throws Exception {
    String others =
        """
        striped { status = ["VISIBLE"] segment_count = 1
          segment1 { start_extent = 0 extent_count = 2 type = "striped" stripe_count = 2
                     stripes = ["pv0", 3, "pv1", 0] } }
        thin { status = ["VISIBLE"] segment_count = 1
          segment1 { start_extent = 0 extent_count = 2 type = "thin" thin_pool = "p" } }
        elsewhere { status = ["VISIBLE"] segment_count = 1
          segment1 { start_extent = 0 extent_count = 2 type = "striped" stripe_count = 1
                     stripes = ["pv1", 3] } }
        hidden { status = ["READ"] segment_count = 1
          segment1 { start_extent = 0 extent_count = 2 type = "striped" stripe_count = 1
                     stripes = ["pv0", 3] } }
        """;
    List<LogicalVolume> lvs = volumes(LINEAR + others);
    assertEquals(List.of("lin"), lvs.stream().map(LogicalVolume::name).toList());
  }

  @Test
  void extentsPastThePvAreNotMapped() throws Exception {
    assertTrue(volumes(LINEAR.replace("[\"pv0\", 3]", "[\"pv0\", 300]")).isEmpty());
  }

  @Test
  void unclosedSectionIsRejectedWithItsOffset() {
    GuestFsException e =
        assertThrows(GuestFsException.class, () -> ConfigParser.parse("vg { seqno = 1 "));
    assertTrue(e.getMessage().contains("not closed"), e.getMessage());
  }

  @Test
  void nestingBeyondTheBoundIsRejected() {
    String deep = "a {".repeat(40) + "}".repeat(40);
    assertThrows(GuestFsException.class, () -> ConfigParser.parse(deep));
  }
}
