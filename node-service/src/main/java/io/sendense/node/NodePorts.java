package io.sendense.node;

import io.sendense.batch.host.CatalogIdSession;
import io.sendense.batch.host.ChainPointDisk;
import io.sendense.batch.host.StorageImageStore;
import io.sendense.batch.port.CatalogPort;
import io.sendense.batch.port.RepositoryPort;
import io.sendense.batch.port.SourcePort;
import io.sendense.batch.port.TelemetrySink;
import io.sendense.batch.restore.port.RestoreCatalogPort;
import io.sendense.batch.restore.port.RestorePointPort;
import io.sendense.batch.restore.port.RestoreSourcePort;
import io.sendense.batch.wire.PortJson;
import io.sendense.batch.wire.WorkItem;
import io.sendense.image.qcow2.Qcow2Chain;
import io.sendense.image.store.ImageStore;
import io.sendense.image.store.LocalImageStore;
import io.sendense.plugin.api.repository.RepositoryStorageType;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.source.HypervisorSourceType;
import io.sendense.plugin.api.source.VmConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Plays the host for the backup and restore jobs on a node: produces the ports the jobs inject. The
 * catalogs and telemetry are the hub's, over the node API; the source and the repository are opened
 * here with the plugins and the configuration that came with the work item.
 */
@ApplicationScoped
public class NodePorts {
  private static final Logger LOG = Logger.getLogger(NodePorts.class.getName());
  static final String LOCAL_TYPE = "local";
  private static final String BACKUP_ID = "backupId";

  private volatile HubCalls hub;
  private volatile NodePlugins plugins;
  private volatile Executions executions;
  private volatile TransferRecords transferRecords;

  /** Pushes run on their own thread: a slow hub never holds up a transfer thread. */
  private final java.util.concurrent.ExecutorService pushes =
      new java.util.concurrent.ThreadPoolExecutor(
          1,
          1,
          0,
          java.util.concurrent.TimeUnit.SECONDS,
          new java.util.concurrent.ArrayBlockingQueue<>(64),
          r -> {
            Thread t = new Thread(r, "telemetry");
            t.setDaemon(true);
            return t;
          },
          new java.util.concurrent.ThreadPoolExecutor.DiscardOldestPolicy());

  void init(HubCalls hub, NodePlugins plugins, Executions executions) {
    this.hub = hub;
    this.plugins = plugins;
    this.executions = executions;
    this.transferRecords =
        new TransferRecords(
            (backupId, args) -> hub.call("node/v1/catalog/" + RemoteCatalogPort.TRANSFER, args));
  }

  @Produces
  CatalogPort catalogPort() {
    return new RemoteCatalogPort(hub, executions, transferRecords);
  }

  @Produces
  TelemetrySink telemetrySink() {
    return progress -> pushes.execute(() -> push(progress));
  }

  private void push(io.sendense.batch.port.BackupProgress progress) {
    {
      try {
        Executions.Running r = executions.byExecution(progress.jobExecutionId());
        var onHub =
            new io.sendense.batch.port.BackupProgress(
                r.item().jobExecutionId(),
                progress.vmId(),
                progress.phase(),
                progress.bytesDone(),
                progress.bytesTotal(),
                progress.bytesPerSecond(),
                progress.eta(),
                progress.disks(),
                progress.at());
        hub.connection()
            .post("api/v1/telemetry/backup/" + r.item().jobId(), PortJson.progress(onHub), 15_000);
      } catch (Exception e) {
        LOG.log(Level.FINE, "Telemetry not delivered (the job goes on)", e);
      }
    }
  }

  @Produces
  RestoreCatalogPort restoreCatalogPort() {
    return new RemoteRestoreCatalogPort(hub);
  }

  /**
   * A restore's point, from the repository this node reaches: the configuration recorded in the
   * catalog, each disk's chain opened by the image name its work item carries.
   */
  @Produces
  RestorePointPort restorePointPort() {
    return new RestorePointPort() {
      @Override
      public VmConfiguration configuration(long backupId) {
        WorkItem item = executions.restoreWith(BACKUP_ID, backupId);
        return new RemoteRestoreCatalogPort(hub)
            .configuration(Long.parseLong(item.parameters().get("restoreId")), backupId);
      }

      @Override
      public PointDisk openDisk(long backupId, int diskKey) throws IOException {
        WorkItem item = executions.restoreWith(BACKUP_ID, backupId);
        String file = item.parameters().get(WorkItem.diskFileParameter(diskKey));
        if (file == null) {
          throw new IOException("Backup " + backupId + " has no disk with key " + diskKey);
        }
        ImageStore store = repositoryPort().open(item.parameters().get("repositoryId"));
        try {
          Qcow2Chain chain = Qcow2Chain.open(store, file);
          return new ChainPointDisk(
              chain,
              () -> {
                try (store) {
                  chain.close();
                }
              });
        } catch (IOException | RuntimeException e) {
          store.close();
          throw e;
        }
      }
    };
  }

  /** The source a restore of this node writes into, from its work item. */
  @Produces
  RestoreSourcePort restoreSourcePort() {
    return sourceId -> {
      WorkItem item = executions.restoreWith("sourceId", sourceId);
      HypervisorSourceType type = plugins.source(item.source().typeId());
      return type.open(plugins.context(type.typeId(), item.source()));
    };
  }

  @Produces
  SourcePort sourcePort() {
    return vmId -> {
      WorkItem item = executions.byVm(vmId);
      HypervisorSourceType type = plugins.source(item.source().typeId());
      return new CatalogIdSession(
          type.open(plugins.context(type.typeId(), item.source())), vmId, item.sourceVmId());
    };
  }

  @Produces
  RepositoryPort repositoryPort() {
    return repositoryId -> open(executions.byRepository(repositoryId).repository());
  }

  /**
   * A repository's files as this node reaches them (an encrypted one with its passphrase), for the
   * jobs' ports and the lifecycle tasks; the caller closes the store.
   */
  ImageStore open(WorkItem.Extension repository) {
    String passphrase = repository.config().get(WorkItem.Extension.PASSPHRASE);
    ImageStore store = store(repository);
    return passphrase == null
        ? store
        : ImageStore.withPassphrase(store, io.sendense.image.luks.Passphrase.of(passphrase));
  }

  /** A repository's space as this node reaches it (a local folder: its file system's). */
  io.sendense.plugin.api.repository.Capacity capacity(WorkItem.Extension repository)
      throws Exception {
    if (LOCAL_TYPE.equals(repository.typeId())) {
      var store = Files.getFileStore(Path.of(repository.config().getOrDefault("path", "")));
      long total = store.getTotalSpace();
      long free = store.getUsableSpace();
      return new io.sendense.plugin.api.repository.Capacity(total, Math.max(0, total - free), free);
    }
    RepositoryStorageType type = plugins.storage(repository.typeId());
    try (var storage = type.open(plugins.context(type.typeId(), repository))) {
      return storage.capacity();
    }
  }

  private ImageStore store(WorkItem.Extension repository) {
    if (LOCAL_TYPE.equals(repository.typeId())) {
      Path folder = Path.of(repository.config().getOrDefault("path", ""));
      if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
        throw new IllegalStateException(
            "The folder "
                + folder
                + " of repository '"
                + repository.name()
                + "' is missing or not writable on this node; mount or create it, then rerun");
      }
      return new LocalImageStore(folder);
    }
    RepositoryStorageType type = plugins.storage(repository.typeId());
    try {
      return (ImageStore)
          new StorageImageStore(
              type.open(plugins.context(type.typeId(), repository)), repository.name());
    } catch (StorageException e) {
      throw new IllegalStateException(
          "Repository '" + repository.name() + "' cannot be opened: " + e.getMessage(), e);
    }
  }
}
