package io.sendense.image.guest;

import java.util.List;

/** The file systems and volume managers Sendense reads, in probing order. */
public final class GuestFormats {
  private GuestFormats() {}

  /** Tried in order on every partition or logical volume; the first that opens wins. */
  public static List<FileSystemProbe> fileSystems() {
    return List.of(
        new io.sendense.image.guest.ntfs.NtfsProbe(), new io.sendense.image.guest.xfs.XfsProbe());
  }

  /** Tried on every partition before the file systems. */
  public static List<VolumeManagerProbe> volumeManagers() {
    return List.of(new io.sendense.image.guest.lvm.Lvm2Probe());
  }
}
