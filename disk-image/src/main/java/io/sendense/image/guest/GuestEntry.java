package io.sendense.image.guest;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a guest folder.
 *
 * @param name the entry's name as the guest stores it (decoded to a Java string)
 * @param path its path from the file system root
 * @param kind file, directory, symbolic link or other (device, socket, fifo...)
 * @param size content size in bytes (0 for directories)
 * @param modified last modification time, or {@code null} when the file system has none
 * @param linkTarget the target of a symbolic link, else {@code null}
 * @param unsupported why the content cannot be read (compressed, encrypted...), else {@code null}
 * @param identity what the file system calls this entry (an inode or MFT record number, a first
 *     cluster), so that a walk can tell one directory reached by two names from two directories;
 *     {@link #UNKNOWN} when the reader has none
 */
public record GuestEntry(
    String name,
    GuestPath path,
    Kind kind,
    long size,
    Instant modified,
    String linkTarget,
    String unsupported,
    long identity) {
  /** The identity of an entry whose reader gives none. */
  public static final long UNKNOWN = -1;

  public enum Kind {
    FILE,
    DIRECTORY,
    SYMLINK,
    OTHER
  }

  public GuestEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
  }

  /** An entry without a known identity. */
  public GuestEntry(
      String name,
      GuestPath path,
      Kind kind,
      long size,
      Instant modified,
      String linkTarget,
      String unsupported) {
    this(name, path, kind, size, modified, linkTarget, unsupported, UNKNOWN);
  }

  public boolean isDirectory() {
    return kind == Kind.DIRECTORY;
  }
}
