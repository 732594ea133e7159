package io.sendense.image.guest.lvm;

import io.sendense.image.guest.fstest.Tools;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds an LVM2 physical volume with the real LVM tools: pvcreate and vgcreate on a loop device,
 * then vgcfgrestore of a VG description that adds the logical volumes. The kernel here has no
 * device-mapper, so lvcreate cannot run; vgcfgrestore writes the same on-disk metadata without
 * activating anything. Needs root and a free loop device.
 */
final class LvmImages {
  static final String VG = "sendensetestvg";
  static final long EXTENT = 1 << 20;

  private LvmImages() {}

  /** The image and where the extents of the VG start on it. */
  record Built(Path image, long peStart) {}

  static Built build(Path dir, String logicalVolumes) throws IOException, InterruptedException {
    String losetup = Tools.require("losetup", "mount");
    String pvcreate = Tools.require("pvcreate", "lvm2");
    String vgcreate = Tools.require("vgcreate", "lvm2");
    String vgcfgbackup = Tools.require("vgcfgbackup", "lvm2");
    String vgcfgrestore = Tools.require("vgcfgrestore", "lvm2");
    Path image = dir.resolve("pv.img");
    try (RandomAccessFile raf = new RandomAccessFile(image.toFile(), "rw")) {
      raf.setLength(64L << 20);
    }
    String loop = attach(losetup, image);
    try {
      Tools.run(List.of(pvcreate, "-y", "-ff", loop));
      Tools.run(List.of(vgcreate, "-s", "1m", VG, loop));
      Path backup = dir.resolve("vg.txt");
      Tools.run(List.of(vgcfgbackup, "-f", backup.toString(), VG));
      String text = Files.readString(backup);
      int close = text.lastIndexOf('}');
      Path restored = dir.resolve("vg-with-lvs.txt");
      Files.writeString(restored, text.substring(0, close) + logicalVolumes + "\n}\n");
      Tools.run(List.of(vgcfgrestore, "-f", restored.toString(), VG));
      Matcher m = Pattern.compile("pe_start = (\\d+)").matcher(text);
      if (!m.find()) {
        throw new IllegalStateException("vgcfgbackup wrote no pe_start:\n" + text);
      }
      return new Built(image, Long.parseLong(m.group(1)) * 512);
    } finally {
      Tools.run(List.of(losetup, "-d", loop));
    }
  }

  private static String attach(String losetup, Path image)
      throws IOException, InterruptedException {
    try {
      return Tools.run(List.of(losetup, "-f", "--show", image.toString())).trim();
    } catch (AssertionError e) {
      throw new AssertionError(
          "The LVM2 test writes real metadata with pvcreate/vgcfgrestore, which need a block"
              + " device: run the tests as root on a machine with loop devices (losetup -f). "
              + e.getMessage(),
          e);
    }
  }
}
