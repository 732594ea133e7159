package io.sendense.plugin.api.repository;

import io.sendense.plugin.api.FailureKind;
import java.nio.ByteBuffer;

/**
 * An open file in a repository with positional (random-access) reads and writes, as a QCOW2 writer
 * needs them.
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>Reads and writes take an explicit position and do not move any shared file pointer, so
 *       several threads may use one handle at once on ranges that do not overlap.
 *   <li>{@link #write} writes every remaining byte of the buffer or throws; it may extend the file
 *       and leave holes, also at positions beyond 4 GiB.
 *   <li>Data is durable only after {@link #sync()} returned; {@link #close()} does not promise it.
 *   <li>Failures are {@link StorageException}s with the kind set, for example {@code
 *       CONNECTION_LOST} if the server went away: never silently lost data.
 * </ul>
 */
public interface StorageFile extends AutoCloseable {

  /** The file's path inside the repository. */
  StoragePath path();

  /**
   * Reads up to {@code dst.remaining()} bytes starting at {@code position}.
   *
   * @return the number of bytes read, 0 only if {@code dst} has no room, or -1 if {@code position}
   *     is at or past the end of the file
   */
  int read(ByteBuffer dst, long position) throws StorageException;

  /** Writes all remaining bytes of {@code src} at {@code position}. */
  void write(ByteBuffer src, long position) throws StorageException;

  /** The current size of the file in bytes. */
  long size() throws StorageException;

  /** Sets the size: cuts the file, or extends it with zeros (a hole where supported). */
  void truncate(long size) throws StorageException;

  /** Makes every completed write durable on the storage (fsync or its protocol equivalent). */
  void sync() throws StorageException;

  /** Releases the handle. Writes not yet synced may be lost if the storage fails afterwards. */
  @Override
  void close() throws StorageException;

  /** Reads exactly {@code dst.remaining()} bytes or fails if the file ends first. */
  default void readFully(ByteBuffer dst, long position) throws StorageException {
    long at = position;
    while (dst.hasRemaining()) {
      int n = read(dst, at);
      if (n < 0) {
        throw new StorageException(
            FailureKind.OTHER, "Unexpected end of " + path() + " at byte " + at);
      }
      at += n;
    }
  }
}
