package io.sendense.image.guest.lvm;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestFsException;
import io.sendense.image.guest.LogicalVolume;
import io.sendense.image.guest.VolumeManagerProbe;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Finds an LVM2 physical volume, picks the newest valid metadata copy (highest seqno over every
 * metadata area and raw location) and returns its linear logical volumes.
 */
public final class Lvm2Probe implements VolumeManagerProbe {
  @Override
  public String type() {
    return "lvm2";
  }

  @Override
  public Optional<List<LogicalVolume>> open(BlockDevice device) throws IOException {
    try {
      Optional<PvLabel> label = PvLabel.find(device);
      if (label.isEmpty()) {
        return Optional.empty();
      }
      ConfigSection vg = newest(device, label.get());
      return Optional.of(VolumeGroupReader.volumes(vg, label.get().uuid(), device));
    } catch (RuntimeException e) {
      throw new GuestFsException("LVM2 physical volume is corrupt: " + e, e);
    }
  }

  private static ConfigSection newest(BlockDevice device, PvLabel label) throws IOException {
    ConfigSection best = null;
    GuestFsException failure = null;
    for (PvLabel.Area area : label.metadataAreas()) {
      try {
        for (String text : MetadataArea.texts(device, area)) {
          ConfigSection vg = VolumeGroupReader.volumeGroup(ConfigParser.parse(text));
          if (best == null || vg.number("seqno") > best.number("seqno")) {
            best = vg;
          }
        }
      } catch (GuestFsException e) {
        failure = e;
      }
    }
    if (best == null) {
      throw failure != null
          ? failure
          : new GuestFsException("LVM2 physical volume has no valid metadata copy");
    }
    return best;
  }
}
