package io.sendense.webapp.restore;

import java.time.Instant;

/**
 * One entry of a guest folder as the API and the Restore page show it.
 *
 * @param path from the partition's root, without a leading {@code /}: what {@code path=} takes
 * @param type {@code file}, {@code directory}, {@code symlink} or {@code other}
 * @param unsupported why the content cannot be read (encrypted, compressed...), else null
 */
public record FileEntryDto(
    String name,
    String path,
    String type,
    long size,
    Instant modified,
    String linkTarget,
    String unsupported)
    implements java.io.Serializable {
  public boolean directory() {
    return "directory".equals(type);
  }

  /** A file whose content can be downloaded. */
  public boolean downloadable() {
    return ("file".equals(type) && unsupported == null) || directory();
  }
}
