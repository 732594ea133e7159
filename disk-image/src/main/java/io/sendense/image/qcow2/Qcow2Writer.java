package io.sendense.image.qcow2;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Writes one restore point: a QCOW2 version 3 image, standalone (a full) or on top of a parent (an
 * incremental). Data goes to {@code <target>.partial}; {@link #commit()} syncs the data, then
 * appends and syncs the metadata and header, then renames the file to {@code target} atomically. A
 * crash at any moment leaves at most a {@code .partial} file, never a file that looks complete.
 *
 * <p>All-zero clusters are not stored: they stay unallocated in a full and become zero clusters in
 * an incremental (so the parent's old data is masked). Unaligned writes merge with what this image
 * or its parent already holds.
 *
 * <p>Thread-safe: any number of threads may call {@link #write} at once (one writer per disk);
 * {@link #checkpoint()} and {@link #commit()} wait for writes in progress.
 *
 * <p>Resuming: after {@link #checkpoint()} the partial file is a consistent image. A job that
 * restarts calls {@link #resume} with the same options and rewrites everything it wrote after its
 * last checkpoint; writes after the last checkpoint are lost (their space is unreferenced).
 */
public final class Qcow2Writer implements Closeable {
  static final String PARTIAL_SUFFIX = ".partial";

  private final Path target;
  private final Path partial;
  private final Qcow2Options options;
  private final FileChannel channel;
  private final DirectWrites direct;
  private final Qcow2Chain parent;
  private final ClusterMap map;
  private final HostAllocator allocator;
  private final WritePath writePath;
  private final Qcow2Header template;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private Qcow2Writer(
      Path target,
      Qcow2Options options,
      FileChannel channel,
      Qcow2Chain parent,
      ClusterMap map,
      long dataEnd) {
    this.target = target;
    this.partial = partialPath(target);
    this.options = options;
    this.channel = channel;
    this.parent = parent;
    this.map = map;
    this.allocator = new HostAllocator(options.clusterBits(), dataEnd);
    this.direct = DirectWrites.open(partial);
    ClusterStore store = new ClusterStore(partial, channel, direct, map, allocator, options);
    this.writePath = new WritePath(store, map, parent, options);
    this.template = WriterSetup.header(target, options);
  }

  /**
   * Starts a new image. Fails if {@code target} or its partial file exists.
   *
   * @throws BrokenChainException if the backing file's chain cannot be opened or is larger
   */
  public static Qcow2Writer create(Path target, Qcow2Options options) throws IOException {
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString(), null, "restore point exists");
    }
    WriterSetup.header(target, options);
    Qcow2Chain parent = WriterSetup.openParent(target, options);
    try {
      FileChannel ch =
          FileChannel.open(
              partialPath(target),
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      ClusterMap map = new ClusterMap(options.clusterBits(), WriterSetup.l1Size(options));
      return new Qcow2Writer(target, options, ch, parent, map, options.clusterSize());
    } catch (IOException | RuntimeException e) {
      WriterSetup.closeQuietly(parent);
      throw e;
    }
  }

  /**
   * Reopens the partial file of an interrupted writer at its last checkpoint. The options must be
   * those it was created with.
   *
   * @throws CorruptImageException if no checkpoint was ever made or the options differ
   */
  public static Qcow2Writer resume(Path target, Qcow2Options options) throws IOException {
    Path partial = partialPath(target);
    ClusterMap map = new ClusterMap(options.clusterBits(), WriterSetup.l1Size(options));
    long end =
        WriterSetup.loadCheckpoint(partial, options, map, WriterSetup.header(target, options));
    Qcow2Chain parent = WriterSetup.openParent(target, options);
    try {
      FileChannel ch = FileChannel.open(partial, StandardOpenOption.READ, StandardOpenOption.WRITE);
      return new Qcow2Writer(target, options, ch, parent, map, end);
    } catch (IOException | RuntimeException e) {
      WriterSetup.closeQuietly(parent);
      throw e;
    }
  }

  /** The temporary file an image is written to before commit. */
  public static Path partialPath(Path target) {
    return target.resolveSibling(target.getFileName() + PARTIAL_SUFFIX);
  }

  /**
   * Deletes the partial files that writers which never committed left in {@code dir}. Call it only
   * when no writer is active in that folder (for example when a node starts).
   */
  public static java.util.List<Path> deletePartials(Path dir) throws IOException {
    return WriterSetup.deletePartials(dir);
  }

  public Qcow2Options options() {
    return options;
  }

  /**
   * Writes {@code src.remaining()} bytes at guest {@code offset} and consumes the buffer.
   *
   * @throws IllegalArgumentException if the range extends past the virtual size
   */
  public void write(long offset, ByteBuffer src) throws IOException {
    checkRange(offset, src.remaining());
    lock.readLock().lock();
    try {
      ensureOpen();
      writePath.write(offset, src);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Writes only the parts of {@code src} whose content differs from what this image reads at that
   * place now (its own clusters, else the parent chain's), and consumes the buffer: a
   * content-compare incremental for sources that cannot say what changed. Data that became zeros
   * where the parent had data becomes zero clusters. Returns the bytes written.
   *
   * @throws IllegalArgumentException if the range extends past the virtual size
   */
  public long writeIfChanged(long offset, ByteBuffer src) throws IOException {
    checkRange(offset, src.remaining());
    lock.readLock().lock();
    try {
      ensureOpen();
      return writePath.writeIfChanged(offset, src, false);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Like {@link #writeIfChanged} with {@code length} bytes of zeros, without a buffer from the
   * caller: for areas a source reports unallocated. Reads no data where neither this image nor the
   * parent chain maps any. Returns the bytes written (made zero).
   */
  public long zeroIfChanged(long offset, long length) throws IOException {
    checkRange(offset, length);
    long written = 0;
    for (long done = 0; done < length; ) {
      int unit = ClusterStore.ZEROS.capacity();
      // Pieces end on multiples of the buffer (and so of clusters): a cluster split between two
      // pieces would be stored as data.
      int n = (int) Math.min(length - done, unit - (offset + done) % unit);
      lock.readLock().lock();
      try {
        ensureOpen();
        written += writePath.writeIfChanged(offset + done, ClusterStore.ZEROS.slice(0, n), true);
      } finally {
        lock.readLock().unlock();
      }
      done += n;
    }
    return written;
  }

  private void checkRange(long offset, long length) {
    if (offset < 0 || length < 0 || offset + length > options.virtualSize()) {
      throw new IllegalArgumentException(
          "write of "
              + length
              + " bytes at "
              + offset
              + " is outside the virtual size "
              + options.virtualSize());
    }
  }

  /** Makes the partial file a consistent image that {@link #resume} can continue from. */
  public void checkpoint() throws IOException {
    lock.writeLock().lock();
    try {
      ensureOpen();
      long end =
          new MetadataWriter(channel, map, options.clusterBits()).write(allocator.end(), template);
      allocator.moveEnd(end);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Finishes the image and renames it to its target name; returns the target. */
  public Path commit() throws IOException {
    lock.writeLock().lock();
    try {
      checkpoint();
      close();
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      WriterSetup.syncDirectory(target);
      return target;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Closes the writer and deletes the partial file: the point is abandoned. */
  public void abort() throws IOException {
    close();
    Files.deleteIfExists(partial);
  }

  /** Releases files; the partial file stays for {@link #resume} or cleanup. Idempotent. */
  @Override
  public void close() throws IOException {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        direct.close();
        channel.close();
        WriterSetup.closeQuietly(parent);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("writer of " + target + " is closed");
    }
  }
}
