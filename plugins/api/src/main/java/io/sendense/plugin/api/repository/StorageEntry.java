package io.sendense.plugin.api.repository;

import java.time.Instant;
import java.util.Objects;

/**
 * What a repository knows about one file or folder, as returned by listing or {@code stat}.
 *
 * @param path full path inside the repository
 * @param directory whether it is a folder
 * @param size size in bytes for files, 0 for folders
 * @param lastModified time of the last change of the content
 */
public record StorageEntry(StoragePath path, boolean directory, long size, Instant lastModified) {

  public StorageEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(lastModified, "lastModified");
  }

  /** The entry's own name (last path segment). */
  public String name() {
    return path.fileName();
  }
}
