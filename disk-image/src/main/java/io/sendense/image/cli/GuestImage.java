package io.sendense.image.cli;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestDisk;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestPath;
import io.sendense.image.guest.Volume;
import io.sendense.image.luks.Passphrase;
import io.sendense.image.qcow2.DiskSource;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An image (QCOW2 chain or raw disk) opened for file-level restore by the {@code partitions},
 * {@code ls}, {@code cat} and {@code extract} commands.
 */
final class GuestImage implements AutoCloseable {
  private final DiskSource source;
  private final GuestDisk disk;

  private GuestImage(DiskSource source, GuestDisk disk) {
    this.source = source;
    this.disk = disk;
  }

  static GuestImage open(String file, Passphrase passphrase) throws IOException {
    DiskSource source = ConvertCommand.open(Path.of(file), passphrase);
    try {
      return new GuestImage(source, GuestDisk.open(BlockDevice.of(source)));
    } catch (IOException | RuntimeException e) {
      source.close();
      throw e;
    }
  }

  GuestDisk disk() {
    return disk;
  }

  /** The file system of volume {@code id}; a wrong id or a volume without one is a usage error. */
  GuestFileSystem fileSystem(String id) {
    Volume volume;
    try {
      volume = disk.volume(id);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (!volume.readable()) {
      throw new UsageException(
          "Volume " + id + " has no readable file system (" + volume.reason() + ")");
    }
    return volume.fileSystem();
  }

  /**
   * A guest path from the command line: {@code /}, {@code ""} or a path with or without a leading
   * '/'.
   */
  static GuestPath path(String text) {
    String relative = text.startsWith("/") ? text.substring(1) : text;
    try {
      return GuestPath.parse(relative);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
