package io.sendense.image.guest;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A read-only file system on a {@link BlockDevice}. Implementations are safe for concurrent use
 * (one restore session serves several downloads) and keep only bounded caches.
 */
public interface GuestFileSystem {
  /** Short type name: {@code ext4}, {@code ntfs}, {@code fat32}, {@code xfs}... */
  String type();

  /** The volume label, or {@code ""}. */
  String label();

  /** Size of the file system in bytes. */
  long sizeBytes();

  /** The entry at {@code path} (the root is a directory). */
  GuestEntry stat(GuestPath path) throws IOException;

  /**
   * The entries of the directory at {@code path}, without {@code .} and {@code ..}, in the file
   * system's order.
   *
   * @throws GuestFsException if the path does not exist, is not a directory, or is corrupt
   */
  List<GuestEntry> list(GuestPath path) throws IOException;

  /**
   * The content of the file at {@code path}, streamed from the device (holes read as zeros).
   *
   * @throws UnsupportedContentException if the file is listed but its content is not readable
   */
  InputStream open(GuestPath path) throws IOException;
}
