package io.sendense.batch.host;

import io.sendense.image.store.ImageChannel;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.RepositoryStorage;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StorageFile;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An open file of a {@link StorageImageStore}. After a broken connection an operation is tried
 * again on the same handle (NFS handles survive a reconnect); once the storage answers again but
 * the handle still fails, on a handle opened anew (an SMB handle dies with its connection).
 * Positional reads and writes can be repeated safely.
 *
 * <p>Durability is never assumed across a lost handle: if the file had to be opened again while
 * writes since the last sync were outstanding, the server may have dropped them, so the next {@link
 * #sync()} fails with {@code CONNECTION_LOST} instead of declaring them safe. The job then fails
 * and its restart resumes from the last checkpoint, which did sync.
 */
final class StorageImageChannel implements ImageChannel {
  private final StorageImageStore store;
  private final RepositoryStorage storage;
  private final String name;
  private final boolean writable;
  private final StorageRetry retry;
  private volatile StorageFile file;
  private boolean unsynced;
  private boolean writesMayBeLost;

  StorageImageChannel(
      StorageImageStore store,
      RepositoryStorage storage,
      String name,
      StorageFile file,
      boolean writable,
      StorageRetry retry) {
    this.store = store;
    this.storage = storage;
    this.name = name;
    this.file = file;
    this.writable = writable;
    this.retry = retry;
  }

  /** One operation on the current handle. */
  private interface FileCall<T> {
    T run(StorageFile f) throws StorageException;
  }

  private <T> T call(FileCall<T> op) throws IOException {
    StorageFile used = file;
    try {
      return op.run(used);
    } catch (StorageException first) {
      StorageException last = transientOrThrow(first);
      for (int attempt = 1; attempt < retry.attempts(); attempt++) {
        retry.pause(attempt, last);
        try {
          return op.run(used);
        } catch (StorageException e) {
          last = transientOrThrow(e);
        }
        if (reachable()) {
          try {
            return op.run(used);
          } catch (StorageException e) {
            last = transientOrThrow(e);
          }
          try {
            used = reopen(used);
            return op.run(used);
          } catch (StorageException e) {
            last = transientOrThrow(e);
          }
        }
      }
      throw store.failure(name, last);
    }
  }

  private StorageException transientOrThrow(StorageException e) throws IOException {
    if (!StorageRetry.isTransient(e)) {
      throw store.failure(name, e);
    }
    return e;
  }

  /**
   * Whether the storage answers again. Then a handle that still fails died with its connection
   * (SMB) and is replaced; a stateless one (NFS) has already worked again before this is asked.
   */
  private boolean reachable() {
    try {
      storage.stat(StorageImageStore.path(name));
      return true;
    } catch (StorageException e) {
      return !StorageRetry.isTransient(e);
    }
  }

  /** A new handle instead of {@code broken}, unless another thread replaced it already. */
  private synchronized StorageFile reopen(StorageFile broken) throws StorageException {
    if (file != broken) {
      return file;
    }
    StorageFile fresh = storage.open(StorageImageStore.path(name), writable);
    if (unsynced) {
      writesMayBeLost = true;
    }
    file = fresh;
    closeQuietly(broken);
    return fresh;
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    int start = dst.position();
    return call(
        f -> {
          dst.position(start);
          return f.read(dst, position);
        });
  }

  @Override
  public void write(ByteBuffer src, long position) throws IOException {
    int start = src.position();
    synchronized (this) {
      unsynced = true;
    }
    call(
        f -> {
          f.write(src.position(start), position);
          return null;
        });
  }

  @Override
  public long size() throws IOException {
    return call(StorageFile::size);
  }

  @Override
  public void truncate(long size) throws IOException {
    synchronized (this) {
      unsynced = true;
    }
    call(
        f -> {
          f.truncate(size);
          return null;
        });
  }

  @Override
  public void sync() throws IOException {
    failIfWritesMayBeLost();
    call(
        f -> {
          f.sync();
          return null;
        });
    failIfWritesMayBeLost();
    synchronized (this) {
      unsynced = false;
    }
  }

  private synchronized void failIfWritesMayBeLost() throws IOException {
    if (writesMayBeLost) {
      writesMayBeLost = false;
      unsynced = false;
      throw store.failure(
          name,
          new StorageException(
              FailureKind.CONNECTION_LOST,
              "The connection to the storage was lost while writes to '"
                  + name
                  + "' were not yet synced; they may be lost, so the file must be written again"));
    }
  }

  @Override
  public void close() throws IOException {
    try {
      file.close();
    } catch (StorageException e) {
      if (!StorageRetry.isTransient(e)) {
        throw store.failure(name, e);
      }
      // The handle belonged to a connection that is gone; nothing is left to release.
    }
  }

  private static void closeQuietly(StorageFile f) {
    try {
      f.close();
    } catch (StorageException e) {
      // The handle is being replaced because its connection broke.
    }
  }
}
