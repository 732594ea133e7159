package io.sendense.batch.restore;

import io.sendense.batch.host.ChainPointDisk;
import io.sendense.batch.restore.port.RestoreCatalogPort;
import io.sendense.batch.restore.port.RestorePointPort;
import io.sendense.batch.restore.port.RestoreSourcePort;
import io.sendense.image.qcow2.Qcow2Chain;
import io.sendense.plugin.api.source.ChangedAreas;
import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.DiskReader;
import io.sendense.plugin.api.source.Inventory;
import io.sendense.plugin.api.source.Snapshot;
import io.sendense.plugin.api.source.SnapshotCleanup;
import io.sendense.plugin.api.source.SnapshotInfo;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import io.sendense.plugin.api.source.SourceSession;
import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.plugin.api.source.VmRestore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays the host for the {@code restore-vm} tests: the catalog in memory, restore points as QCOW2
 * chains on disk (read with {@link Qcow2Chain}, counting the bytes read), sources as {@link
 * FileRestoreTarget}s. Each test registers its own ids.
 */
@ApplicationScoped
public class RestoreTestPorts {
  /** A restore point: its configuration and the top image of each disk by key. */
  record Point(VmConfiguration configuration, Map<Integer, Path> images) {}

  private final InMemoryRestoreCatalog catalog = new InMemoryRestoreCatalog();
  private final Map<Long, Point> points = new ConcurrentHashMap<>();
  private final Map<Long, FileRestoreTarget> targets = new ConcurrentHashMap<>();
  private final AtomicLong bytesRead = new AtomicLong();

  /** Bytes read from restore points so far (a proxy of this bean has no fields to read). */
  long bytesRead() {
    return bytesRead.get();
  }

  InMemoryRestoreCatalog catalog() {
    return catalog;
  }

  void point(long backupId, Point point) {
    points.put(backupId, point);
  }

  void target(long sourceId, FileRestoreTarget target) {
    targets.put(sourceId, target);
  }

  @Produces
  RestoreCatalogPort catalogPort() {
    return catalog;
  }

  @Produces
  RestorePointPort pointPort() {
    return new RestorePointPort() {
      @Override
      public VmConfiguration configuration(long backupId) {
        return points.get(backupId).configuration();
      }

      @Override
      public PointDisk openDisk(long backupId, int diskKey) throws IOException {
        Qcow2Chain chain = Qcow2Chain.open(points.get(backupId).images().get(diskKey));
        PointDisk disk = new ChainPointDisk(chain, chain::close);
        return new PointDisk() { // the hub's and the node's disk, counting the bytes it reads
          @Override
          public long size() {
            return disk.size();
          }

          @Override
          public List<DiskExtent> dataExtents() throws IOException {
            return disk.dataExtents();
          }

          @Override
          public void read(ByteBuffer dst, long position) throws IOException {
            bytesRead.addAndGet(dst.remaining());
            disk.read(dst, position);
          }

          @Override
          public void close() throws IOException {
            disk.close();
          }
        };
      }
    };
  }

  @Produces
  RestoreSourcePort sourcePort() {
    return id -> new TargetSession(targets.get(id));
  }

  /** A source session that only restores. */
  private record TargetSession(FileRestoreTarget target) implements SourceSession {
    @Override
    public Optional<VmRestore> vmRestore() {
      return Optional.of(target);
    }

    @Override
    public Inventory inventory() throws SourceException {
      throw unsupported();
    }

    @Override
    public List<SnapshotInfo> listSnapshots(String vmId) throws SourceException {
      throw unsupported();
    }

    @Override
    public Snapshot createSnapshot(String vmId, String name, boolean quiesce)
        throws SourceException {
      throw unsupported();
    }

    @Override
    public void removeSnapshot(String vmId, String snapshotId) throws SourceException {
      throw unsupported();
    }

    @Override
    public SnapshotCleanup removeStaleBackupSnapshots(String vmId, String keepName)
        throws SourceException {
      throw unsupported();
    }

    @Override
    public boolean enableChangeTracking(String vmId) throws SourceException {
      throw unsupported();
    }

    @Override
    public ChangedAreas changedAreas(Snapshot snapshot, int diskKey, String sinceChangeId)
        throws SourceException {
      throw unsupported();
    }

    @Override
    public DiskReader openDiskReader(Snapshot snapshot, int diskKey) throws SourceException {
      throw unsupported();
    }

    @Override
    public void close() {}

    private static SourceException unsupported() {
      return new SourceException(SourceProblem.OTHER, "a restore target only restores");
    }
  }
}
