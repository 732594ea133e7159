package io.sendense.plugins.vmware;

import com.vmware.vim25.mo.Datacenter;
import com.vmware.vim25.mo.ManagedEntity;
import io.sendense.plugin.api.source.ChangedAreas;
import io.sendense.plugin.api.source.DiskReader;
import io.sendense.plugin.api.source.Inventory;
import io.sendense.plugin.api.source.Snapshot;
import io.sendense.plugin.api.source.SnapshotCleanup;
import io.sendense.plugin.api.source.SnapshotDisk;
import io.sendense.plugin.api.source.SnapshotInfo;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceSession;
import io.sendense.plugin.api.source.VmRestore;
import java.time.Duration;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session to one vCenter or ESXi: the plugin API's {@link SourceSession} on top of one SOAP
 * connection, with snapshots, CBT and disk reads delegated to their own classes.
 */
final class VmwareSession implements SourceSession {

  private final VmwareConnection connection;
  private final SnapshotManager snapshots;
  private final ChangeTracking changeTracking;
  private final DiskTransport transport;
  private final Map<String, String> datacenterPaths = new ConcurrentHashMap<>();

  VmwareSession(VmwareConnection connection, DiskTransport transport) {
    this.connection = connection;
    this.snapshots = new SnapshotManager(connection);
    this.changeTracking = new ChangeTracking(connection, snapshots);
    this.transport = transport;
  }

  /** Logs in and sets up the datastore HTTP transport with the same certificate decision. */
  static VmwareSession open(VmwareSettings settings, System.Logger log) throws SourceException {
    VmwareConnection connection =
        VmwareConnection.login(settings, VmwareConnection.trustFor(settings));
    DiskTransport transport =
        new HttpFileTransport(
            settings.hostForUrl(),
            settings.port(),
            connection.sslContext().getSocketFactory(),
            connection::sessionCookie,
            settings.readStreams(),
            Duration.ofSeconds(settings.timeoutSeconds()),
            log);
    return new VmwareSession(connection, transport);
  }

  /** The SOAP connection, for tests. */
  VmwareConnection connection() {
    return connection;
  }

  @Override
  public Inventory inventory() throws SourceException {
    return withSession(this::readInventory);
  }

  private Inventory readInventory() throws SourceException {
    try {
      String about = connection.serviceInstance().getAboutInfo().getFullName();
      return new InventoryAssembler(PropertyRetriever.retrieveAll(connection.serviceInstance()))
          .assemble(about);
    } catch (Exception e) {
      throw Faults.map(
          "Reading the inventory of " + connection.settings().host(), e, connection.trust());
    }
  }

  /** An operation against the server, run again once after a new login if the session expired. */
  private interface Operation<T> {
    T run() throws SourceException;
  }

  private <T> T withSession(Operation<T> operation) throws SourceException {
    try {
      return operation.run();
    } catch (SourceException e) {
      if (!Faults.sessionExpired(e)) {
        throw e;
      }
      connection.relogin();
      return operation.run();
    }
  }

  @Override
  public List<SnapshotInfo> listSnapshots(String vmId) throws SourceException {
    return withSession(() -> snapshots.list(vmId));
  }

  @Override
  public Snapshot createSnapshot(String vmId, String name, boolean quiesce) throws SourceException {
    return withSession(() -> snapshots.create(vmId, name, quiesce));
  }

  @Override
  public void removeSnapshot(String vmId, String snapshotId) throws SourceException {
    withSession(
        () -> {
          snapshots.remove(vmId, snapshotId);
          return null;
        });
  }

  @Override
  public SnapshotCleanup removeStaleBackupSnapshots(String vmId, String keepName)
      throws SourceException {
    return withSession(() -> snapshots.removeStale(vmId, keepName));
  }

  @Override
  public boolean enableChangeTracking(String vmId) throws SourceException {
    return withSession(() -> changeTracking.enable(vmId));
  }

  @Override
  public ChangedAreas changedAreas(Snapshot snapshot, int diskKey, String sinceChangeId)
      throws SourceException {
    return withSession(() -> changeTracking.changedAreas(snapshot, diskKey, sinceChangeId));
  }

  @Override
  public DiskReader openDiskReader(Snapshot snapshot, int diskKey) throws SourceException {
    SnapshotDisk disk = snapshot.disk(diskKey);
    DatastorePath file = DatastorePath.parse(disk.disk().backingFile()).flatFile();
    String datacenter = datacenterPaths.get(snapshot.vmId());
    if (datacenter == null) {
      // A few SOAP round trips up the inventory; the disks of one VM share the answer.
      datacenter = withSession(() -> datacenterPath(snapshot.vmId()));
      datacenterPaths.put(snapshot.vmId(), datacenter);
    }
    return transport.open(
        new DiskTransport.DiskLocation(datacenter, file, disk.disk().capacityBytes()));
  }

  /** Inventory path of the VM's datacenter, as the file service's dcPath wants it. */
  private String datacenterPath(String vmId) throws SourceException {
    try {
      ManagedEntity entity = snapshots.vm(vmId).getParent();
      while (entity != null && !(entity instanceof Datacenter)) {
        entity = entity.getParent();
      }
      LinkedList<String> names = new LinkedList<>();
      for (; entity != null && entity.getParent() != null; entity = entity.getParent()) {
        names.addFirst(entity.getName());
      }
      return String.join("/", names);
    } catch (RuntimeException e) {
      throw Faults.map("Finding the datacenter of VM " + vmId, e, connection.trust());
    }
  }

  @Override
  public Optional<VmRestore> vmRestore() throws SourceException {
    VmwareSettings settings = connection.settings();
    return Optional.of(
        new VmwareVmRestore(
            connection,
            new DatastoreUploader(
                "https://" + settings.hostForUrl() + ":" + settings.port(),
                connection.sslContext().getSocketFactory(),
                connection::sessionCookie,
                Duration.ofSeconds(settings.timeoutSeconds()))));
  }

  @Override
  public void close() {
    transport.close();
    connection.close();
  }
}
