package io.sendense.image.guest.ext;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.CachedDevice;
import io.sendense.image.guest.FileSystemProbe;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestPath;
import java.io.IOException;
import java.util.Optional;

/** Opens ext2, ext3 and ext4 file systems (the type reported follows the superblock's features). */
public final class ExtProbe implements FileSystemProbe {
  @Override
  public String type() {
    return "ext";
  }

  @Override
  public Optional<GuestFileSystem> open(BlockDevice device) throws IOException {
    if (!Superblock.matches(device)) {
      return Optional.empty();
    }
    BlockDevice meta = new CachedDevice(device);
    Superblock sb = Superblock.read(meta);
    ExtFileSystem fs = new ExtFileSystem(device, meta, sb);
    fs.stat(GuestPath.ROOT);
    return Optional.of(fs);
  }
}
