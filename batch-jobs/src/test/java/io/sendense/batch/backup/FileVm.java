package io.sendense.batch.backup;

import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.DiskInfo;
import io.sendense.plugin.api.source.SnapshotDisk;
import io.sendense.plugin.api.source.SnapshotInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test VM whose disks are raw files in a folder, with change tracking: every write is recorded
 * with the current epoch, and each snapshot freezes copies of the disks, gets the epoch as change
 * id and starts a new epoch. Counts snapshot creations and bytes read, and fails a chosen read.
 */
final class FileVm {
  /** A snapshot: frozen copies of the disks and the epoch it closed. */
  record Frozen(SnapshotInfo info, long epoch, Map<Integer, Path> copies) {}

  private record Change(long epoch, DiskExtent extent) {}

  final String vmId;
  private final Path dir;
  private final Map<Integer, DiskInfo> disks = new ConcurrentHashMap<>();
  private final Map<Integer, List<Change>> changes = new ConcurrentHashMap<>();
  private final Map<String, Frozen> snapshots = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicLong> bytesRead = new ConcurrentHashMap<>();
  private final Map<Integer, List<DiskExtent>> reads = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicInteger> failAtRead = new ConcurrentHashMap<>();
  private final Map<Integer, Pause> pauses = new ConcurrentHashMap<>();
  private final AtomicInteger created = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();
  private long epoch;
  private volatile long trackingSince;

  FileVm(String vmId, Path dir) {
    this.vmId = vmId;
    this.dir = dir;
  }

  synchronized void addDisk(int key, long capacity) throws IOException {
    Path file = raw(key);
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.truncate(capacity);
      ch.write(ByteBuffer.allocate(1), capacity - 1);
    }
    disks.put(
        key, new DiskInfo(key, "Hard disk " + key, capacity, "ds1", file.toString(), true, true));
    changes.put(key, new ArrayList<>());
    bytesRead.put(key, new AtomicLong());
    reads.put(key, java.util.Collections.synchronizedList(new ArrayList<>()));
  }

  Path raw(int key) {
    return dir.resolve("disk" + key + ".raw");
  }

  List<DiskInfo> disks() {
    return disks.values().stream().sorted((a, b) -> a.key() - b.key()).toList();
  }

  /** Writes guest data and records it as changed in the current epoch. */
  synchronized void write(int key, long offset, byte[] data) throws IOException {
    try (FileChannel ch = FileChannel.open(raw(key), StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(data), offset);
    }
    changes.get(key).add(new Change(epoch, new DiskExtent(offset, data.length)));
  }

  synchronized Frozen freeze(String name) throws IOException {
    String id = "snap-" + ids.incrementAndGet();
    Map<Integer, Path> copies = new ConcurrentHashMap<>();
    for (int key : disks.keySet()) {
      Path copy = dir.resolve(id + "-disk" + key + ".raw");
      Files.copy(raw(key), copy);
      copies.put(key, copy);
    }
    created.incrementAndGet();
    Frozen f = new Frozen(new SnapshotInfo(id, name, Instant.now(), false, null), epoch, copies);
    snapshots.put(id, f);
    epoch++;
    return f;
  }

  /** A snapshot someone else took (a user, replication); it has no disk copies. */
  void addForeignSnapshot(String name) {
    String id = "snap-" + ids.incrementAndGet();
    snapshots.put(
        id, new Frozen(new SnapshotInfo(id, name, Instant.now(), false, null), -1, Map.of()));
  }

  Frozen snapshot(String id) {
    return snapshots.get(id);
  }

  List<SnapshotInfo> snapshotInfos() {
    return snapshots.values().stream().map(Frozen::info).toList();
  }

  void remove(String id) throws IOException {
    Frozen f = snapshots.remove(id);
    if (f != null) {
      for (Path p : f.copies().values()) {
        Files.deleteIfExists(p);
      }
    }
  }

  SnapshotDisk snapshotDisk(Frozen f, int key) {
    return new SnapshotDisk(disks.get(key), vmId + ":" + f.epoch());
  }

  /** Forgets all change ids given so far, as vSphere does when CBT is reset. */
  synchronized void resetChangeTracking() {
    trackingSince = epoch;
  }

  /** Whether changes since this epoch are still known. */
  boolean tracks(long sinceEpoch) {
    return sinceEpoch >= trackingSince;
  }

  /** Changes after the epoch named by {@code changeId} up to and including the snapshot's. */
  synchronized List<DiskExtent> changedSince(int key, long sinceEpoch, long untilEpoch) {
    List<DiskExtent> out = new ArrayList<>();
    for (Change c : changes.get(key)) {
      if (c.epoch() > sinceEpoch && c.epoch() <= untilEpoch) {
        out = Extents.union(out, List.of(c.extent()));
      }
    }
    return out;
  }

  int snapshotsCreated() {
    return created.get();
  }

  long bytesRead(int key) {
    return bytesRead.get(key).get();
  }

  /** Every successful read of the disk so far, in the order they returned. */
  List<DiskExtent> reads(int key) {
    List<DiskExtent> all = reads.get(key);
    synchronized (all) {
      return List.copyOf(all);
    }
  }

  /** The {@code n}-th read of the disk from now on fails (once). */
  void failRead(int key, int n) {
    failAtRead.put(key, new AtomicInteger(n));
  }

  /** Holds the {@code n}-th read of a disk from now on until the test releases it. */
  record Pause(AtomicInteger left, CountDownLatch reached, CountDownLatch release) {}

  Pause pauseRead(int key, int n) {
    Pause p = new Pause(new AtomicInteger(n), new CountDownLatch(1), new CountDownLatch(1));
    pauses.put(key, p);
    return p;
  }

  /** Called before each read: waits if the test paused this read. */
  void awaitPause(int key) throws InterruptedException {
    Pause p = pauses.get(key);
    if (p != null && p.left().decrementAndGet() == 0) {
      p.reached().countDown();
      if (!p.release().await(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException("test never released the paused read");
      }
    }
  }

  /** Called before each read: true if this read must fail. */
  boolean readFails(int key) {
    AtomicInteger left = failAtRead.get(key);
    return left != null && left.decrementAndGet() == 0;
  }

  void countRead(int key, long position, int n) {
    bytesRead.get(key).addAndGet(n);
    reads.get(key).add(new DiskExtent(position, n));
  }
}
