package io.sendense.image.guest;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Recognises a volume manager's physical volume (for example LVM2) on a partition. */
public interface VolumeManagerProbe {
  /** The type name, e.g. {@code lvm2}. */
  String type();

  /**
   * The logical volumes on {@code device}, empty when it is not this kind of physical volume.
   * Volumes this reader cannot assemble (striped, spanning missing devices...) are left out and
   * logged, not thrown.
   */
  Optional<List<LogicalVolume>> open(BlockDevice device) throws IOException;
}
