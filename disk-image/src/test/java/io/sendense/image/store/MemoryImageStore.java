package io.sendense.image.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * TEST TOOLING: an {@link ImageStore} in memory that models durability and can fail on command.
 * Every file keeps what a sync made durable apart from the writes since; {@link #crash} throws the
 * unsynced writes away, except a random subset of them, each possibly torn at 512-byte sectors, as
 * a power loss would. {@link #failAfter} makes every operation fail after a number of operations,
 * as a dropped share would. Folder operations (create, rename, delete) are durable at once.
 */
public final class MemoryImageStore implements ImageStore {
  private static final int SECTOR = 512;

  private final Map<String, MemFile> files = new TreeMap<>();
  private final java.util.Set<String> folders = new java.util.TreeSet<>(List.of(""));
  private final AtomicLong operations = new AtomicLong();
  private final AtomicLong bytesWritten = new AtomicLong();
  private final AtomicLong syncs = new AtomicLong();
  private final java.util.Set<String> openedWritable =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile long failAt = Long.MAX_VALUE;
  private volatile String failure = "injected failure";

  /** After {@code count} more operations, every operation fails with {@code message}. */
  public void failAfter(long count, String message) {
    failure = message;
    failAt = operations.get() + count;
  }

  /** Operations succeed again. */
  public void repair() {
    failAt = Long.MAX_VALUE;
  }

  /** Operations so far (reads, writes, syncs, folder changes). */
  public long operations() {
    return operations.get();
  }

  public long bytesWritten() {
    return bytesWritten.get();
  }

  public long syncs() {
    return syncs.get();
  }

  /** Names of the files ever created or opened for writing. */
  public java.util.Set<String> openedWritable() {
    return java.util.Set.copyOf(openedWritable);
  }

  /** The current content of a file (what a reader sees now). */
  public synchronized byte[] content(String name) throws NoSuchFileException {
    Bytes b = file(name).current;
    return Arrays.copyOf(b.data, b.length);
  }

  /**
   * A power loss: each file keeps what was synced plus a random subset of the later writes, each of
   * them possibly only in part (whole 512-byte sectors).
   */
  public synchronized void crash(Random random) {
    for (MemFile f : files.values()) {
      f.crash(random);
    }
    repair();
  }

  private void tick() throws IOException {
    if (operations.incrementAndGet() > failAt) {
      throw new IOException(failure);
    }
  }

  private MemFile file(String name) throws NoSuchFileException {
    MemFile f = files.get(ImageNames.check(name));
    if (f == null) {
      throw new NoSuchFileException(name);
    }
    return f;
  }

  @Override
  public String location(String name) {
    return "mem:/" + name;
  }

  @Override
  public synchronized Optional<ImageEntry> stat(String name) throws IOException {
    tick();
    ImageNames.check(name);
    if (folders.contains(name)) {
      return Optional.of(new ImageEntry(name, true, 0));
    }
    MemFile f = files.get(name);
    return f == null ? Optional.empty() : Optional.of(new ImageEntry(name, false, f.size()));
  }

  @Override
  public synchronized List<ImageEntry> list(String folder) throws IOException {
    tick();
    if (!folders.contains(ImageNames.check(folder))) {
      throw new NoSuchFileException(folder);
    }
    List<ImageEntry> out = new ArrayList<>();
    for (String d : folders) {
      if (!d.isEmpty() && ImageNames.parent(d).equals(folder)) {
        out.add(new ImageEntry(d, true, 0));
      }
    }
    files.forEach(
        (n, f) -> {
          if (ImageNames.parent(n).equals(folder)) {
            out.add(new ImageEntry(n, false, f.size()));
          }
        });
    out.sort(java.util.Comparator.comparing(ImageEntry::name));
    return out;
  }

  @Override
  public synchronized void createDirectories(String folder) throws IOException {
    tick();
    for (String f = ImageNames.check(folder); !f.isEmpty(); f = ImageNames.parent(f)) {
      if (files.containsKey(f)) {
        throw new FileAlreadyExistsException(f, null, "a file is in the way");
      }
      folders.add(f);
    }
  }

  @Override
  public synchronized ImageChannel create(String name) throws IOException {
    tick();
    if (files.containsKey(ImageNames.check(name)) || folders.contains(name)) {
      throw new FileAlreadyExistsException(location(name));
    }
    requireFolder(name);
    MemFile f = new MemFile();
    files.put(name, f);
    openedWritable.add(name);
    return new MemChannel(name, f, true);
  }

  private void requireFolder(String name) throws NoSuchFileException {
    if (!folders.contains(ImageNames.parent(name))) {
      throw new NoSuchFileException(ImageNames.parent(name), null, "no such folder");
    }
  }

  @Override
  public synchronized ImageChannel open(String name, boolean writable) throws IOException {
    tick();
    MemChannel channel = new MemChannel(name, file(name), writable);
    if (writable) {
      openedWritable.add(name);
    }
    return channel;
  }

  @Override
  public synchronized void rename(String from, String to) throws IOException {
    tick();
    MemFile f = file(from);
    if (files.containsKey(ImageNames.check(to)) || folders.contains(to)) {
      throw new FileAlreadyExistsException(location(to));
    }
    requireFolder(to);
    files.remove(from);
    files.put(to, f);
  }

  @Override
  public synchronized boolean deleteIfExists(String name) throws IOException {
    tick();
    if (folders.contains(ImageNames.check(name)) && !name.isEmpty()) {
      if (files.keySet().stream().anyMatch(n -> ImageNames.parent(n).equals(name))
          || folders.stream().anyMatch(d -> !d.isEmpty() && ImageNames.parent(d).equals(name))) {
        throw new DirectoryNotEmptyException(name);
      }
      return folders.remove(name);
    }
    return files.remove(name) != null;
  }

  /** One file: durable bytes, and the writes since the last sync in order. */
  private static final class MemFile {
    final Bytes current = new Bytes();
    Bytes durable = new Bytes();
    final List<Long> pendingAt = new ArrayList<>();
    final List<byte[]> pendingData = new ArrayList<>();

    int size() {
      return current.length;
    }

    void write(byte[] data, long pos) {
      current.put(data, 0, (int) pos, data.length);
      pendingAt.add(pos);
      pendingData.add(data);
    }

    void sync() {
      for (int i = 0; i < pendingData.size(); i++) {
        durable.put(
            pendingData.get(i), 0, (int) (long) pendingAt.get(i), pendingData.get(i).length);
      }
      durable.setLength(current.length);
      pendingAt.clear();
      pendingData.clear();
    }

    void truncate(int size) {
      current.setLength(size);
      sync();
    }

    void crash(Random random) {
      for (int i = 0; i < pendingData.size(); i++) {
        if (random.nextInt(3) == 0) {
          continue;
        }
        byte[] data = pendingData.get(i);
        int pos = (int) (long) pendingAt.get(i);
        if (random.nextBoolean()) {
          durable.put(data, 0, pos, data.length);
        } else {
          for (int s = 0; s < data.length; s += SECTOR) {
            if (random.nextBoolean()) {
              durable.put(data, s, pos + s, Math.min(SECTOR, data.length - s));
            }
          }
        }
      }
      pendingAt.clear();
      pendingData.clear();
      current.data = Arrays.copyOf(durable.data, durable.data.length);
      current.length = durable.length;
    }
  }

  /** A growable byte array. */
  private static final class Bytes {
    byte[] data = new byte[0];
    int length;

    void put(byte[] src, int from, int pos, int len) {
      if (pos + len > data.length) {
        data = Arrays.copyOf(data, Math.max(pos + len, data.length * 2));
      }
      System.arraycopy(src, from, data, pos, len);
      length = Math.max(length, pos + len);
    }

    /** Cuts (the bytes cut off read as zeros if the file grows again) or extends. */
    void setLength(int n) {
      if (n > data.length) {
        data = Arrays.copyOf(data, n);
      } else if (n < length) {
        Arrays.fill(data, n, length, (byte) 0);
      }
      length = n;
    }
  }

  private final class MemChannel implements ImageChannel {
    private final String name;
    private final MemFile file;
    private final boolean writable;
    private boolean closed;

    MemChannel(String name, MemFile file, boolean writable) {
      this.name = name;
      this.file = file;
      this.writable = writable;
    }

    private void check(boolean write) throws IOException {
      tick();
      if (closed) {
        throw new IOException(name + " is closed");
      }
      if (write && !writable) {
        throw new AccessDeniedException(name, null, "opened read-only");
      }
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      synchronized (MemoryImageStore.this) {
        check(false);
        if (position >= file.current.length) {
          return -1;
        }
        int n = (int) Math.min(dst.remaining(), file.current.length - position);
        dst.put(file.current.data, (int) position, n);
        return n;
      }
    }

    @Override
    public void write(ByteBuffer src, long position) throws IOException {
      synchronized (MemoryImageStore.this) {
        check(true);
        byte[] data = new byte[src.remaining()];
        src.get(data);
        file.write(data, position);
        bytesWritten.addAndGet(data.length);
      }
    }

    @Override
    public long size() throws IOException {
      synchronized (MemoryImageStore.this) {
        check(false);
        return file.current.length;
      }
    }

    @Override
    public void truncate(long size) throws IOException {
      synchronized (MemoryImageStore.this) {
        check(true);
        file.truncate((int) size);
      }
    }

    @Override
    public void sync() throws IOException {
      synchronized (MemoryImageStore.this) {
        check(false);
        syncs.incrementAndGet();
        file.sync();
      }
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
