package io.sendense.plugin.api.source;

import java.nio.ByteBuffer;

/**
 * Positional reads of one disk as frozen in a snapshot.
 *
 * <p>Reads take an explicit position and share no file pointer: several threads may read different
 * ranges at once, and implementations keep several requests in flight to hide latency. Failures are
 * {@link SourceException}s ({@link SourceProblem#CONNECTION_LOST} if the transport broke). The
 * reader does not keep the snapshot alive: the caller removes the snapshot after closing its
 * readers.
 */
public interface DiskReader extends AutoCloseable {

  /** The disk's capacity in bytes. */
  long size();

  /**
   * Reads up to {@code dst.remaining()} bytes at {@code position}.
   *
   * @return bytes read, 0 only if {@code dst} has no room, -1 if {@code position >= size()}
   */
  int read(ByteBuffer dst, long position) throws SourceException;

  /**
   * How many reads this reader serves at once at full speed (for example its connections per disk).
   * A caller that reads ahead keeps up to this many reads in flight, each from a thread of its own;
   * 1 means one read at a time.
   */
  default int parallelReads() {
    return 1;
  }

  /** Releases connections. */
  @Override
  void close() throws SourceException;

  /** Reads exactly {@code dst.remaining()} bytes or fails if the disk ends first. */
  default void readFully(ByteBuffer dst, long position) throws SourceException {
    long at = position;
    while (dst.hasRemaining()) {
      int n = read(dst, at);
      if (n < 0) {
        throw new SourceException(SourceProblem.OTHER, "Disk ends at byte " + at);
      }
      at += n;
    }
  }
}
