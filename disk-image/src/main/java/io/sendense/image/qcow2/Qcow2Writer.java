package io.sendense.image.qcow2;

import io.sendense.image.store.ImageChannel;
import io.sendense.image.store.ImageNames;
import io.sendense.image.store.ImageStore;
import io.sendense.image.store.LocalImageStore;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Writes one restore point into an {@link ImageStore}: a QCOW2 version 3 image, standalone (a full)
 * or on top of a parent in the same store (an incremental). Data goes to {@code <name>.partial};
 * {@link #commit()} syncs the data, then the metadata, then the header, then renames the file to
 * its name atomically. A crash at any moment leaves at most a {@code .partial} file, never a file
 * that looks complete. The parent is only read, never written.
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
 * last checkpoint; writes after the last checkpoint may be lost. Checkpoints rewrite the metadata
 * in place (see {@link MetadataWriter}), so they cost what changed and leave no dead copies.
 */
public final class Qcow2Writer implements Closeable {
  static final String PARTIAL_SUFFIX = ".partial";

  private final ImageStore store;
  private final String target;
  private final String partial;
  private final Qcow2Options options;
  private final ImageChannel channel;
  private final Qcow2Chain parent;
  private final WritePath writePath;
  private final MetadataWriter metadata;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private Qcow2Writer(
      ImageStore store,
      String target,
      Qcow2Options options,
      ImageChannel channel,
      Qcow2Chain parent,
      ClusterMap map,
      WriterSetup.Layout layout,
      BackingNames names,
      boolean resumed) {
    this.store = store;
    this.target = target;
    this.partial = partialName(target);
    this.options = options;
    this.channel = channel;
    this.parent = parent;
    HostAllocator allocator = new HostAllocator(options.clusterBits(), layout.end());
    ClusterStore clusters =
        new ClusterStore(
            store.location(partial), channel, map, allocator, options, layout.cipher());
    this.writePath = new WritePath(clusters, map, parent, options);
    this.metadata =
        new MetadataWriter(
            channel,
            map,
            allocator,
            WriterSetup.header(target, options, names),
            layout.l1Offset(),
            layout.l2Hosts(),
            resumed);
  }

  /**
   * Starts a new image at the local file {@code target} (for tools on an operator's own files). A
   * backing file in the options is a local path too; the header names it relative to the target, as
   * qemu-img does.
   */
  public static Qcow2Writer create(Path target, Qcow2Options options) throws IOException {
    return create(
        LocalImageStore.fileSystem(),
        BackingNames.name(target),
        local(options),
        BackingNames.FILE_SYSTEM);
  }

  /**
   * Starts a new image {@code name} in {@code store}; in a store with a passphrase (an encrypted
   * repository) the image is encrypted with it unless the options carry their own. The options'
   * backing file, if any, is the parent's name in the same store (for example {@code
   * vm-1/full.qcow2}), in the new image's folder or below it; the header records it relative to the
   * image.
   *
   * @throws FileAlreadyExistsException if the image or its partial file exists
   * @throws BrokenChainException if the parent's chain cannot be opened or is larger
   */
  public static Qcow2Writer create(ImageStore store, String name, Qcow2Options options)
      throws IOException {
    return create(store, name, inStore(store, options), BackingNames.IN_STORE);
  }

  /** The options, encrypted with the store's passphrase when it has one (see ImageStore). */
  private static Qcow2Options inStore(ImageStore store, Qcow2Options options) {
    if (options.passphrase() != null || store.passphrase() == null) {
      return options;
    }
    if (options.compression() != Compression.NONE) {
      throw new IllegalArgumentException(
          store.location("") + " is an encrypted repository; its images cannot be compressed");
    }
    return options.withPassphrase(store.passphrase());
  }

  private static Qcow2Writer create(
      ImageStore store, String name, Qcow2Options options, BackingNames names) throws IOException {
    if (store.stat(ImageNames.check(name)).isPresent()) {
      throw new FileAlreadyExistsException(store.location(name), null, "restore point exists");
    }
    WriterSetup.header(name, options, names);
    Qcow2Chain parent = WriterSetup.openParent(store, options, names);
    try {
      ImageChannel ch = store.create(partialName(name));
      try {
        ClusterMap map = new ClusterMap(options.clusterBits(), WriterSetup.l1Size(options));
        WriterSetup.Layout fresh = WriterSetup.fresh(options);
        WriterSetup.Layout layout =
            new WriterSetup.Layout(
                fresh.l1Offset(), fresh.l2Hosts(), fresh.end(), WriterSetup.writeLuks(ch, options));
        return new Qcow2Writer(store, name, options, ch, parent, map, layout, names, false);
      } catch (IOException | RuntimeException e) {
        ch.close();
        store.deleteIfExists(partialName(name));
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      WriterSetup.closeQuietly(parent);
      throw e;
    }
  }

  /** Reopens the partial file of an interrupted writer of the local file {@code target}. */
  public static Qcow2Writer resume(Path target, Qcow2Options options) throws IOException {
    return resume(
        LocalImageStore.fileSystem(),
        BackingNames.name(target),
        local(options),
        BackingNames.FILE_SYSTEM);
  }

  /**
   * Reopens the partial file of an interrupted writer at its last checkpoint. The options must be
   * those it was created with.
   *
   * @throws NoSuchFileException if there is no partial file
   * @throws CorruptImageException if no checkpoint was ever made or the options differ
   */
  public static Qcow2Writer resume(ImageStore store, String name, Qcow2Options options)
      throws IOException {
    return resume(store, name, inStore(store, options), BackingNames.IN_STORE);
  }

  private static Qcow2Writer resume(
      ImageStore store, String name, Qcow2Options options, BackingNames names) throws IOException {
    String partial = partialName(name);
    if (!store.isFile(partial)) {
      throw new NoSuchFileException(store.location(partial), null, "no partial image to resume");
    }
    ClusterMap map = new ClusterMap(options.clusterBits(), WriterSetup.l1Size(options));
    WriterSetup.Layout layout =
        WriterSetup.loadCheckpoint(
            store, partial, options, map, WriterSetup.header(name, options, names));
    Qcow2Chain parent = WriterSetup.openParent(store, options, names);
    try {
      ImageChannel ch = store.open(partial, true);
      return new Qcow2Writer(store, name, options, ch, parent, map, layout, names, true);
    } catch (IOException | RuntimeException e) {
      WriterSetup.closeQuietly(parent);
      throw e;
    }
  }

  /** The options with the backing file as a name in the file system's store. */
  private static Qcow2Options local(Qcow2Options options) {
    return options.backingFile() == null
        ? options
        : options.withBackingFile(Path.of(BackingNames.name(options.backingFile())));
  }

  /** The temporary file an image is written to before commit. */
  public static Path partialPath(Path target) {
    return target.resolveSibling(target.getFileName() + PARTIAL_SUFFIX);
  }

  /** The temporary name an image is written to before commit. */
  public static String partialName(String name) {
    return ImageNames.check(name) + PARTIAL_SUFFIX;
  }

  /**
   * Deletes the partial files that writers which never committed left in {@code dir}. Call it only
   * when no writer is active in that folder (for example when a node starts).
   */
  public static List<Path> deletePartials(Path dir) throws IOException {
    LocalImageStore store = LocalImageStore.fileSystem();
    return WriterSetup.deletePartials(store, BackingNames.name(dir)).stream()
        .map(store::path)
        .toList();
  }

  /** Same as {@link #deletePartials(Path)} for a folder of a store; returns the names deleted. */
  public static List<String> deletePartials(ImageStore store, String folder) throws IOException {
    return WriterSetup.deletePartials(store, folder);
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
      metadata.checkpoint();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Finishes the image and renames it to its name; returns the name. */
  public String commit() throws IOException {
    lock.writeLock().lock();
    try {
      ensureOpen();
      metadata.commit();
      close();
      store.rename(partial, target);
      store.syncFolder(ImageNames.parent(target));
      return target;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Closes the writer and deletes the partial file: the point is abandoned. */
  public void abort() throws IOException {
    close();
    store.deleteIfExists(partial);
  }

  /** Releases files; the partial file stays for {@link #resume} or cleanup. Idempotent. */
  @Override
  public void close() throws IOException {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        try {
          channel.close();
        } finally {
          WriterSetup.closeQuietly(parent);
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("writer of " + store.location(target) + " is closed");
    }
  }
}
