package io.sendense.node;

import io.sendense.batch.wire.WorkItem;
import io.sendense.plugin.api.ConfigurableExtension;
import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.PluginContext;
import io.sendense.plugin.api.repository.RepositoryStorageType;
import io.sendense.plugin.api.source.HypervisorSourceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.SingletonExtensionFactory;

/**
 * The same PF4J plugins as the hub's (the VMware source and the repository types), loaded from the
 * node's plugins folder. A plugin that fails to load is logged and skipped; a job that needs it
 * fails with a message naming it.
 */
final class NodePlugins implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(NodePlugins.class.getName());

  private final PluginManager manager;
  private final Path scratch;

  NodePlugins(Path folder, Path scratch) {
    this.scratch = scratch;
    this.manager =
        new DefaultPluginManager(folder) {
          @Override
          protected org.pf4j.ExtensionFactory createExtensionFactory() {
            return new SingletonExtensionFactory(this);
          }
        };
    try (var files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        try {
          manager.startPlugin(manager.loadPlugin(file));
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Plugin " + file + " was not loaded", e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the plugins folder " + folder, e);
    }
    LOG.info(
        () ->
            "Plugins: " + manager.getStartedPlugins().stream().map(p -> p.getPluginId()).toList());
  }

  HypervisorSourceType source(String typeId) {
    return find(HypervisorSourceType.class, typeId);
  }

  RepositoryStorageType storage(String typeId) {
    return find(RepositoryStorageType.class, typeId);
  }

  private <T extends ConfigurableExtension> T find(Class<T> type, String typeId) {
    List<T> all = manager.getExtensions(type);
    return all.stream()
        .filter(e -> e.typeId().equals(typeId))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "This node has no plugin for type '"
                        + typeId
                        + "'; copy it into the node's plugins folder and restart the node"));
  }

  PluginContext context(String typeId, WorkItem.Extension extension) {
    Path folder = scratch.resolve(typeId);
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Configuration configuration = Configuration.of(extension.config());
    System.Logger logger = System.getLogger("io.sendense.plugins." + typeId);
    return new PluginContext() {
      @Override
      public String pluginId() {
        return typeId;
      }

      @Override
      public Configuration configuration() {
        return configuration;
      }

      @Override
      public System.Logger logger() {
        return logger;
      }

      @Override
      public Path scratchDirectory() {
        return folder;
      }
    };
  }

  @Override
  public void close() {
    manager.stopPlugins();
    manager.unloadPlugins();
  }
}
