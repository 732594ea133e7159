package io.sendense.node;

import io.sendense.batch.host.CatalogIdSession;
import io.sendense.batch.host.StorageImageStore;
import io.sendense.batch.port.CatalogPort;
import io.sendense.batch.port.RepositoryPort;
import io.sendense.batch.port.SourcePort;
import io.sendense.batch.port.TelemetrySink;
import io.sendense.batch.wire.PortJson;
import io.sendense.batch.wire.WorkItem;
import io.sendense.image.store.ImageStore;
import io.sendense.image.store.LocalImageStore;
import io.sendense.plugin.api.repository.RepositoryStorageType;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.source.HypervisorSourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Plays the host for the backup job on a node: produces the ports the job injects. The catalog and
 * telemetry are the hub's, over the node API; the source and the repository are opened here with
 * the plugins and the configuration that came with the work item.
 */
@ApplicationScoped
public class NodePorts {
  private static final Logger LOG = Logger.getLogger(NodePorts.class.getName());
  static final String LOCAL_TYPE = "local";

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
    return repositoryId -> {
      WorkItem.Extension repository = executions.byRepository(repositoryId).repository();
      String passphrase = repository.config().get(WorkItem.Extension.PASSPHRASE);
      ImageStore store = store(repository);
      return passphrase == null
          ? store
          : ImageStore.withPassphrase(store, io.sendense.image.luks.Passphrase.of(passphrase));
    };
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
