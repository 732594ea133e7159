package io.sendense.image.guest.lvm;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestFsException;
import io.sendense.image.guest.LogicalVolume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns parsed VG metadata into the linear logical volumes that lie wholly on one PV. Anything else
 * (striped, mirrored, thin, snapshots, other PVs, hidden sub-volumes) is skipped and logged.
 */
final class VolumeGroupReader {
  private static final System.Logger LOG = System.getLogger(VolumeGroupReader.class.getName());
  private static final long SECTOR = 512;
  private static final int MAX_SEGMENTS = 10_000;

  private VolumeGroupReader() {}

  /** The VG section of a metadata text: the top-level section that has a seqno. */
  static ConfigSection volumeGroup(ConfigSection root) throws GuestFsException {
    for (Object value : root.values().values()) {
      if (value instanceof ConfigSection s && s.values().get("seqno") instanceof Long) {
        return s;
      }
    }
    throw new GuestFsException("LVM2 metadata has no volume group section");
  }

  static List<LogicalVolume> volumes(ConfigSection vg, String pvUuid, BlockDevice pv)
      throws GuestFsException {
    long extent = vg.number("extent_size") * SECTOR;
    String pvName = null;
    ConfigSection pvSection = null;
    for (Map.Entry<String, Object> e : vg.section("physical_volumes").values().entrySet()) {
      if (e.getValue() instanceof ConfigSection s
          && s.string("id").replace("-", "").equals(pvUuid)) {
        pvName = e.getKey();
        pvSection = s;
      }
    }
    if (pvSection == null) {
      throw new GuestFsException("LVM2 VG " + vg.name() + " does not list this PV " + pvUuid);
    }
    long peStart = pvSection.number("pe_start") * SECTOR;
    if (extent <= 0 || extent > 1L << 40 || peStart < 0 || peStart >= pv.size()) {
      throw new GuestFsException("LVM2 VG " + vg.name() + ": extent size or pe_start is bad");
    }
    long peCount = (pv.size() - peStart) / extent;
    List<LogicalVolume> volumes = new ArrayList<>();
    ConfigSection lvs = vg.optionalSection("logical_volumes");
    if (lvs == null) {
      return volumes;
    }
    for (Object value : lvs.values().values()) {
      if (value instanceof ConfigSection lv) {
        String why = LinearSegments.unsupported(lv, pvName, peCount);
        if (why != null) {
          LOG.log(
              System.Logger.Level.INFO, "LVM2 LV {0}/{1} skipped: {2}", vg.name(), lv.name(), why);
          continue;
        }
        List<LinearDevice.Segment> segments = LinearSegments.map(lv, extent, peStart, MAX_SEGMENTS);
        volumes.add(new LogicalVolume(vg.name(), lv.name(), new LinearDevice(pv, segments)));
      }
    }
    return volumes;
  }
}
