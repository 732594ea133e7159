package io.sendense.batch.host;

import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.Capacity;
import io.sendense.plugin.api.repository.RepositoryStorage;
import io.sendense.plugin.api.repository.StorageEntry;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StorageFile;
import io.sendense.plugin.api.repository.StoragePath;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST TOOLING: a repository plugin's storage in memory whose connection can drop. {@link
 * #dropNext} makes the next calls fail with {@code CONNECTION_LOST}; with {@code handlesDie} (as
 * SMB) a file handle opened before a drop stays broken, without it (as NFS) it works again. {@link
 * #loseAnswerOfNext} lets the next create or rename happen but reports it as lost.
 */
final class FakeStorage implements RepositoryStorage {
  final Map<String, byte[]> files = new ConcurrentHashMap<>();
  final AtomicInteger opens = new AtomicInteger();
  final AtomicInteger syncs = new AtomicInteger();
  private final boolean handlesDie;
  private int drops;
  private int generation;
  private FailureKind dropKind = FailureKind.CONNECTION_LOST;
  private boolean loseAnswer;

  FakeStorage(boolean handlesDie) {
    this.handlesDie = handlesDie;
  }

  /** The next {@code calls} calls fail with {@code kind}; the connection is new afterwards. */
  synchronized void dropNext(int calls, FailureKind kind) {
    drops = calls;
    dropKind = kind;
  }

  synchronized void loseAnswerOfNext() {
    loseAnswer = true;
  }

  private synchronized void check(String what, int handleGeneration) throws StorageException {
    if (drops > 0) {
      drops--;
      generation++;
      throw new StorageException(dropKind, "Cannot " + what + ": server gone (test)");
    }
    if (handlesDie && handleGeneration >= 0 && handleGeneration != generation) {
      throw new StorageException(
          FailureKind.CONNECTION_LOST, "Cannot " + what + ": handle of a closed connection");
    }
  }

  private synchronized boolean answerLost() {
    boolean lost = loseAnswer;
    loseAnswer = false;
    return lost;
  }

  private synchronized int generation() {
    return generation;
  }

  @Override
  public Capacity capacity() {
    return new Capacity(1, 0, 1);
  }

  @Override
  public Optional<StorageEntry> stat(StoragePath path) throws StorageException {
    check("stat " + path, -1);
    byte[] data = files.get(path.toString());
    return data == null
        ? Optional.empty()
        : Optional.of(new StorageEntry(path, false, data.length, Instant.EPOCH));
  }

  @Override
  public List<StorageEntry> list(StoragePath folder) throws StorageException {
    check("list " + folder, -1);
    List<StorageEntry> out = new ArrayList<>();
    files.forEach(
        (name, data) -> {
          StoragePath p = StoragePath.of(name);
          if (p.parent().orElseThrow().equals(folder)) {
            out.add(new StorageEntry(p, false, data.length, Instant.EPOCH));
          }
        });
    return out;
  }

  @Override
  public void createDirectories(StoragePath folder) throws StorageException {
    check("mkdir " + folder, -1);
  }

  @Override
  public StorageFile create(StoragePath path) throws StorageException {
    check("create " + path, -1);
    if (files.putIfAbsent(path.toString(), new byte[0]) != null) {
      throw new StorageException(FailureKind.ALREADY_EXISTS, path + " exists");
    }
    if (answerLost()) {
      throw new StorageException(FailureKind.CONNECTION_LOST, "create " + path + ": no answer");
    }
    return new File(path, true, generation());
  }

  @Override
  public StorageFile open(StoragePath path, boolean writable) throws StorageException {
    check("open " + path, -1);
    if (!files.containsKey(path.toString())) {
      throw new StorageException(FailureKind.PATH_NOT_FOUND, path + " not found");
    }
    opens.incrementAndGet();
    return new File(path, writable, generation());
  }

  @Override
  public void rename(StoragePath source, StoragePath target) throws StorageException {
    check("rename " + source, -1);
    if (files.containsKey(target.toString())) {
      throw new StorageException(FailureKind.ALREADY_EXISTS, target + " exists");
    }
    byte[] data = files.remove(source.toString());
    if (data == null) {
      throw new StorageException(FailureKind.PATH_NOT_FOUND, source + " not found");
    }
    files.put(target.toString(), data);
    if (answerLost()) {
      throw new StorageException(FailureKind.CONNECTION_LOST, "rename " + source + ": no answer");
    }
  }

  @Override
  public void delete(StoragePath path) throws StorageException {
    check("delete " + path, -1);
    if (files.remove(path.toString()) == null) {
      throw new StorageException(FailureKind.PATH_NOT_FOUND, path + " not found");
    }
  }

  @Override
  public void close() {}

  private final class File implements StorageFile {
    private final StoragePath path;
    private final boolean writable;
    private final int handleGeneration;

    File(StoragePath path, boolean writable, int handleGeneration) {
      this.path = path;
      this.writable = writable;
      this.handleGeneration = handleGeneration;
    }

    @Override
    public StoragePath path() {
      return path;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws StorageException {
      check("read " + path, handleGeneration);
      byte[] data = files.get(path.toString());
      if (position >= data.length) {
        return -1;
      }
      int n = (int) Math.min(dst.remaining(), data.length - position);
      dst.put(data, (int) position, n);
      return n;
    }

    @Override
    public void write(ByteBuffer src, long position) throws StorageException {
      check("write " + path, handleGeneration);
      if (!writable) {
        throw new StorageException(FailureKind.NOT_WRITABLE, path + " is read-only");
      }
      synchronized (FakeStorage.this) {
        byte[] data = files.get(path.toString());
        int end = (int) position + src.remaining();
        if (end > data.length) {
          data = Arrays.copyOf(data, end);
        }
        src.get(data, (int) position, src.remaining());
        files.put(path.toString(), data);
      }
    }

    @Override
    public long size() throws StorageException {
      check("size " + path, handleGeneration);
      return files.get(path.toString()).length;
    }

    @Override
    public void truncate(long size) throws StorageException {
      check("truncate " + path, handleGeneration);
      files.computeIfPresent(path.toString(), (k, d) -> Arrays.copyOf(d, (int) size));
    }

    @Override
    public void sync() throws StorageException {
      check("sync " + path, handleGeneration);
      syncs.incrementAndGet();
    }

    @Override
    public void close() {}
  }
}
