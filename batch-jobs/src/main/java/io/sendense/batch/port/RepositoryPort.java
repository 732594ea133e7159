package io.sendense.batch.port;

import java.nio.file.Path;

/**
 * Where a repository's files live on this machine. For now the image writer needs a local folder;
 * NFS and CIFS repositories need a StorageFile-backed writer in disk-image first.
 */
public interface RepositoryPort {

  /**
   * The repository's root folder, which exists and is writable.
   *
   * @throws IllegalArgumentException if the repository is unknown or not reachable as a folder here
   */
  Path localFolder(String repositoryId);
}
