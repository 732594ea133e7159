package io.sendense.batch.host;

import io.sendense.image.store.ImageChannel;
import io.sendense.image.store.ImageEntry;
import io.sendense.image.store.ImageNames;
import io.sendense.image.store.ImageStore;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.RepositoryStorage;
import io.sendense.plugin.api.repository.StorageEntry;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StorageFile;
import io.sendense.plugin.api.repository.StoragePath;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;

/**
 * A repository plugin's storage as an {@link ImageStore}, so that the QCOW2 writer and reader work
 * on NFS, SMB and any third-party storage exactly as on a local folder. One instance is one session
 * (a job execution, a restore session, a delete) and closes the plugin's storage with it.
 *
 * <p>Operations that fail because the connection broke are tried again a bounded number of times
 * ({@link StorageRetry}); where a first attempt may have taken effect before its answer was lost
 * (create, rename) the retry checks the outcome instead of failing on it. What still fails carries
 * the repository's name and the plugin's {@link FailureKind} and message.
 */
public final class StorageImageStore implements ImageStore {
  private final RepositoryStorage storage;
  private final String repository;
  private final StorageRetry retry;

  /**
   * @param repository the repository's name, for messages
   */
  public StorageImageStore(RepositoryStorage storage, String repository) {
    this(storage, repository, StorageRetry.DEFAULT);
  }

  StorageImageStore(RepositoryStorage storage, String repository, StorageRetry retry) {
    this.storage = storage;
    this.repository = repository;
    this.retry = retry;
  }

  static StoragePath path(String name) {
    return StoragePath.of(ImageNames.check(name));
  }

  @Override
  public String location(String name) {
    return "repository '" + repository + "': " + name;
  }

  /** The failure as the job and the console show it: repository, kind, the plugin's message. */
  IOException failure(String name, StorageException e) {
    return switch (e.kind()) {
      case PATH_NOT_FOUND -> new NoSuchFileException(location(name), null, e.getMessage());
      case ALREADY_EXISTS -> new FileAlreadyExistsException(location(name), null, e.getMessage());
      default ->
          new StorageException(
              e.kind(), "Repository '" + repository + "' (" + e.kind() + "): " + e.getMessage(), e);
    };
  }

  <T> T call(String name, StorageRetry.Call<T> call) throws IOException {
    try {
      return retry.run(call);
    } catch (StorageException e) {
      throw failure(name, e);
    }
  }

  @Override
  public Optional<ImageEntry> stat(String name) throws IOException {
    StoragePath p = path(name);
    return call(name, a -> storage.stat(p)).map(e -> entry(name, e));
  }

  private static ImageEntry entry(String name, StorageEntry e) {
    return new ImageEntry(name, e.directory(), e.size());
  }

  @Override
  public List<ImageEntry> list(String folder) throws IOException {
    StoragePath p = path(folder);
    return call(folder, a -> storage.list(p)).stream()
        .map(e -> entry(ImageNames.join(folder, e.name()), e))
        .toList();
  }

  @Override
  public void createDirectories(String folder) throws IOException {
    StoragePath p = path(folder);
    call(
        folder,
        a -> {
          storage.createDirectories(p);
          return null;
        });
  }

  /**
   * Creates the file; if an earlier attempt's answer was lost and the file now exists empty, that
   * attempt created it (names of new images are unique) and it is used.
   */
  @Override
  public ImageChannel create(String name) throws IOException {
    StoragePath p = path(name);
    StorageFile file =
        call(
            name,
            attempt -> {
              try {
                return storage.create(p);
              } catch (StorageException e) {
                if (attempt > 1 && e.kind() == FailureKind.ALREADY_EXISTS) {
                  return emptyFileOfALostAttempt(p, e);
                }
                throw e;
              }
            });
    return new StorageImageChannel(this, storage, name, file, true, retry);
  }

  private StorageFile emptyFileOfALostAttempt(StoragePath p, StorageException exists)
      throws StorageException {
    StorageFile file = storage.open(p, true);
    if (file.size() != 0) {
      file.close();
      throw exists;
    }
    return file;
  }

  @Override
  public ImageChannel open(String name, boolean writable) throws IOException {
    StoragePath p = path(name);
    StorageFile file = call(name, a -> storage.open(p, writable));
    return new StorageImageChannel(this, storage, name, file, writable, retry);
  }

  /**
   * Renames; if an earlier attempt's answer was lost and now the source is gone and the target
   * exists, that attempt did the rename.
   */
  @Override
  public void rename(String from, String to) throws IOException {
    StoragePath source = path(from);
    StoragePath target = path(to);
    call(
        to,
        attempt -> {
          try {
            storage.rename(source, target);
          } catch (StorageException e) {
            boolean unsure =
                attempt > 1
                    && (e.kind() == FailureKind.PATH_NOT_FOUND
                        || e.kind() == FailureKind.ALREADY_EXISTS);
            if (!unsure || storage.stat(source).isPresent() || storage.stat(target).isEmpty()) {
              throw e;
            }
          }
          return null;
        });
  }

  @Override
  public boolean deleteIfExists(String name) throws IOException {
    StoragePath p = path(name);
    return call(
        name,
        attempt -> {
          try {
            storage.delete(p);
            return true;
          } catch (StorageException e) {
            if (e.kind() == FailureKind.PATH_NOT_FOUND) {
              return attempt > 1;
            }
            throw e;
          }
        });
  }

  @Override
  public void close() throws IOException {
    try {
      storage.close();
    } catch (StorageException e) {
      throw failure("", e);
    }
  }

  @Override
  public String toString() {
    return "repository '" + repository + "'";
  }
}
