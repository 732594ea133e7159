package io.sendense.image.guest;

import io.sendense.image.guest.ext.ExtProbe;
import io.sendense.image.guest.fat.FatProbe;
import io.sendense.image.guest.lvm.Lvm2Probe;
import io.sendense.image.guest.ntfs.NtfsProbe;
import io.sendense.image.guest.xfs.XfsProbe;
import java.util.List;

/** The file systems and volume managers Sendense reads, in probing order. */
public final class GuestFormats {
  private GuestFormats() {}

  /** Tried in order on every partition or logical volume; the first that opens wins. */
  public static List<FileSystemProbe> fileSystems() {
    return List.of(new ExtProbe(), new NtfsProbe(), new FatProbe(), new XfsProbe());
  }

  /** Tried on every partition before the file systems. */
  public static List<VolumeManagerProbe> volumeManagers() {
    return List.of(new Lvm2Probe());
  }
}
