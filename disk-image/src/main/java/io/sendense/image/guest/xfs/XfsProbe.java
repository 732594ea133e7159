package io.sendense.image.guest.xfs;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.FileSystemProbe;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestFsException;
import java.io.IOException;
import java.util.Optional;

/** Recognises XFS by the {@code XFSB} superblock magic; only v5 (CRC) file systems are read. */
public final class XfsProbe implements FileSystemProbe {
  @Override
  public String type() {
    return "xfs";
  }

  @Override
  public Optional<GuestFileSystem> open(BlockDevice device) throws IOException {
    try {
      Optional<Superblock> sb = Superblock.read(device);
      if (sb.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(XfsFileSystem.open(device, sb.get()));
    } catch (RuntimeException e) {
      throw new GuestFsException("XFS file system is corrupt: " + e, e);
    }
  }
}
