package io.sendense.image.guest.ntfs;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.FileSystemProbe;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestFsException;
import java.io.IOException;
import java.util.Optional;

/** Recognises NTFS by the {@code NTFS } OEM id of its boot sector. */
public final class NtfsProbe implements FileSystemProbe {
  @Override
  public String type() {
    return "ntfs";
  }

  @Override
  public Optional<GuestFileSystem> open(BlockDevice device) throws IOException {
    try {
      Optional<BootSector> boot = BootSector.read(device);
      if (boot.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(NtfsFileSystem.open(device, boot.get()));
    } catch (RuntimeException e) {
      throw new GuestFsException("NTFS volume is corrupt: " + e, e);
    }
  }
}
