package io.sendense.batch.port;

import io.sendense.image.store.ImageStore;

/**
 * Where a repository's files are: the host opens the repository (a local folder, an NFS export, an
 * SMB share, any storage plugin) as an {@link ImageStore} that the image writer and reader use.
 */
public interface RepositoryPort {

  /**
   * Opens the repository for one job execution; the caller closes the store when the execution
   * ends. Names in the store are the file names the catalog records ({@code vm-.../x.qcow2}).
   *
   * @throws IllegalArgumentException if the repository is unknown
   * @throws IllegalStateException saying what to fix if it is disabled or cannot be reached
   */
  ImageStore open(String repositoryId);

  /**
   * Opens the repository only to read from it (the source of a copy): where the host reaches a
   * repository only for reading (the hub, a repository placed on a node) that is enough; by default
   * the same as {@link #open}.
   */
  default ImageStore openForReading(String repositoryId) {
    return open(repositoryId);
  }
}
