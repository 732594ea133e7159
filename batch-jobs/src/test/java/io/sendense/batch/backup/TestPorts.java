package io.sendense.batch.backup;

import io.sendense.batch.port.BackupProgress;
import io.sendense.batch.port.CatalogPort;
import io.sendense.batch.port.RepositoryPort;
import io.sendense.batch.port.SourcePort;
import io.sendense.batch.port.TelemetrySink;
import io.sendense.image.store.LocalImageStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays the host in the tests: produces the ports the job injects. Each test registers its own VM
 * and repository under unique ids, so tests share the CDI container but no data.
 */
@ApplicationScoped
public class TestPorts {
  private final InMemoryCatalog catalog = new InMemoryCatalog();
  private final Map<String, FileVm> vms = new ConcurrentHashMap<>();
  private final Map<String, Path> repositories = new ConcurrentHashMap<>();
  private final Map<String, List<BackupProgress>> telemetry = new ConcurrentHashMap<>();

  public InMemoryCatalog catalog() {
    return catalog;
  }

  public void register(FileVm vm, String repositoryId, Path folder) {
    vms.put(vm.vmId, vm);
    repositories.put(repositoryId, folder);
  }

  /** Progress pushed for a VM, in order. */
  public List<BackupProgress> telemetry(String vmId) {
    return telemetry.computeIfAbsent(vmId, k -> new CopyOnWriteArrayList<>());
  }

  @Produces
  CatalogPort catalogPort() {
    return catalog;
  }

  @Produces
  SourcePort sourcePort() {
    return vmId -> new FileSourceSession(vms.get(vmId));
  }

  @Produces
  RepositoryPort repositoryPort() {
    return id -> {
      Path p = repositories.get(id);
      if (p == null) {
        throw new IllegalArgumentException("no repository " + id);
      }
      return new LocalImageStore(p);
    };
  }

  @Produces
  TelemetrySink telemetrySink() {
    return p -> telemetry(p.vmId()).add(p);
  }
}
