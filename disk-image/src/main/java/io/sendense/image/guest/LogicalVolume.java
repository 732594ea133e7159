package io.sendense.image.guest;

import java.util.Objects;

/**
 * A logical volume found inside a partition by a {@link VolumeManagerProbe} (for example an LVM2
 * linear volume), with its bytes as a device of its own.
 */
public record LogicalVolume(String group, String name, BlockDevice device) {
  public LogicalVolume {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(device, "device");
  }
}
