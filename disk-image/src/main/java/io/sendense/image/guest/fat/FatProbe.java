package io.sendense.image.guest.fat;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.CachedDevice;
import io.sendense.image.guest.FileSystemProbe;
import io.sendense.image.guest.GuestFileSystem;
import java.io.IOException;
import java.util.Optional;

/** Opens FAT12, FAT16 and FAT32 volumes (the type follows the cluster count, as the spec says). */
public final class FatProbe implements FileSystemProbe {
  @Override
  public String type() {
    return "fat";
  }

  @Override
  public Optional<GuestFileSystem> open(BlockDevice device) throws IOException {
    if (device.size() < 512) {
      return Optional.empty();
    }
    byte[] s0 = device.readBytes(0, 512);
    if (!BootSector.matches(s0)) {
      return Optional.empty();
    }
    BootSector bs = BootSector.parse(s0, device.size());
    return Optional.of(new FatFileSystem(device, new CachedDevice(device), bs));
  }
}
