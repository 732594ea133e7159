package io.sendense.webapp.plugin;

import io.sendense.plugin.api.ConfigurableExtension;
import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.PluginContext;
import io.sendense.plugin.api.repository.RepositoryStorageType;
import io.sendense.plugin.api.source.HypervisorSourceType;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.config.HubSettings;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.SingletonExtensionFactory;

/**
 * Loads plugins from the plugins folder with PF4J, built-in and third-party alike. A plugin that
 * fails to load or start is reported with its error and never stops the hub or another plugin. New
 * files are picked up by {@link #reload()} without restarting the hub.
 */
@ApplicationScoped
public class PluginHost {
  private static final Logger LOG = Logger.getLogger(PluginHost.class.getName());

  @Inject HubSettings settings;
  @Inject PluginUsage usage;

  private PluginManager manager;
  private final Map<Path, String> failures = new LinkedHashMap<>();

  private synchronized PluginManager manager() {
    if (manager == null) {
      Path folder = settings.pluginsDir();
      manager =
          new DefaultPluginManager(folder) {
            // One instance per extension class, dropped when its plugin stops: the default
            // factory built a new instance of every extension on each lookup.
            @Override
            protected ExtensionFactory createExtensionFactory() {
              return new SingletonExtensionFactory(this);
            }
          };
      loadNewFiles();
    }
    return manager;
  }

  /** Loads and starts every plugin file in the folder that is not loaded yet. */
  @RequiresRole(value = Roles.ADMIN, action = "reload plugins")
  public synchronized List<PluginInfo> reload() {
    manager();
    loadNewFiles();
    return plugins();
  }

  private void loadNewFiles() {
    for (Path file : pluginFiles()) {
      if (isLoaded(file)) {
        continue;
      }
      try {
        String id = manager.loadPlugin(file);
        PluginState state = manager.startPlugin(id);
        failures.remove(file);
        if (state != PluginState.STARTED) {
          Throwable error = manager.getPlugin(id).getFailedException();
          failures.put(file, error != null ? describe(error) : "plugin did not start: " + state);
        }
        LOG.info(() -> "Plugin " + id + " from " + file.getFileName() + ": " + state);
      } catch (RuntimeException | LinkageError e) {
        failures.put(file, describe(e));
        LOG.log(Level.WARNING, "Plugin file " + file + " failed to load", e);
      }
    }
  }

  private boolean isLoaded(Path file) {
    return manager.getPlugins().stream()
        .anyMatch(p -> p.getPluginPath().toAbsolutePath().equals(file.toAbsolutePath()));
  }

  private List<Path> pluginFiles() {
    Path folder = settings.pluginsDir();
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(p -> p.toString().endsWith(".jar") || p.toString().endsWith(".zip"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the plugins folder " + folder, e);
    }
  }

  public synchronized List<PluginInfo> plugins() {
    List<PluginInfo> infos = new ArrayList<>();
    for (PluginWrapper plugin : manager().getPlugins()) {
      var d = plugin.getDescriptor();
      List<String> extensions =
          plugin.getPluginState() == PluginState.STARTED
              ? manager.getExtensionClassNames(plugin.getPluginId()).stream().sorted().toList()
              : List.of();
      String error = failures.get(plugin.getPluginPath());
      infos.add(
          new PluginInfo(
              plugin.getPluginId(),
              d.getVersion(),
              d.getProvider(),
              d.getPluginDescription(),
              error != null ? "FAILED" : plugin.getPluginState().toString(),
              plugin.getPluginPath().getFileName().toString(),
              extensions,
              error));
    }
    failures.forEach(
        (file, error) -> {
          if (!isLoaded(file)) {
            infos.add(
                new PluginInfo(
                    null,
                    null,
                    null,
                    null,
                    "FAILED",
                    file.getFileName().toString(),
                    List.of(),
                    error));
          }
        });
    return infos;
  }

  /** Stops a plugin and keeps it disabled across restarts (PF4J's disabled.txt). */
  @RequiresRole(value = Roles.ADMIN, action = "disable plugins")
  public synchronized void disable(String pluginId) {
    requirePlugin(pluginId);
    requireIdle(pluginId, "disabled");
    manager().disablePlugin(pluginId);
  }

  @RequiresRole(value = Roles.ADMIN, action = "enable plugins")
  public synchronized void enable(String pluginId) {
    requirePlugin(pluginId);
    manager().enablePlugin(pluginId);
    manager.startPlugin(pluginId);
  }

  /** Unloads a plugin; its file stays in the folder and comes back with the next reload. */
  @RequiresRole(value = Roles.ADMIN, action = "unload plugins")
  public synchronized void unload(String pluginId) {
    requirePlugin(pluginId);
    requireIdle(pluginId, "unloaded");
    manager().unloadPlugin(pluginId);
  }

  /**
   * Refuses (409) to pull a plugin from under the jobs and restore sessions that use its source or
   * repository types, naming them.
   */
  private void requireIdle(String pluginId, String what) {
    java.util.Set<String> types = new java.util.HashSet<>();
    types.add(pluginId);
    manager()
        .getExtensions(RepositoryStorageType.class, pluginId)
        .forEach(t -> types.add(t.typeId()));
    manager()
        .getExtensions(HypervisorSourceType.class, pluginId)
        .forEach(t -> types.add(t.typeId()));
    List<String> users = usage.users(types);
    if (!users.isEmpty()) {
      throw new Refusal(
          409,
          "Plugin '"
              + pluginId
              + "' cannot be "
              + what
              + " while it is in use by "
              + String.join(", ", users)
              + "; wait for them to end (or stop them in the Jobs console) and try again");
    }
  }

  private void requirePlugin(String pluginId) {
    if (manager().getPlugin(pluginId) == null) {
      throw new IllegalArgumentException("No plugin with id '" + pluginId + "' is loaded");
    }
  }

  /** Storage types of all started plugins, by type id. */
  public synchronized List<RepositoryStorageType> storageTypes() {
    return manager().getExtensions(RepositoryStorageType.class);
  }

  public Optional<RepositoryStorageType> storageType(String typeId) {
    return storageTypes().stream().filter(t -> t.typeId().equals(typeId)).findFirst();
  }

  /** Hypervisor source types of all started plugins. */
  public synchronized List<HypervisorSourceType> sourceTypes() {
    return manager().getExtensions(HypervisorSourceType.class);
  }

  public Optional<HypervisorSourceType> sourceType(String typeId) {
    return sourceTypes().stream().filter(t -> t.typeId().equals(typeId)).findFirst();
  }

  /** The context a configured extension of {@code typeId} works with. */
  public PluginContext contextFor(String typeId, Configuration configuration) {
    Path scratch = settings.dataDir().resolve("plugin-scratch").resolve(typeId);
    try {
      Files.createDirectories(scratch);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create plugin scratch folder " + scratch, e);
    }
    String pluginId =
        storageType(typeId)
            .<ConfigurableExtension>map(t -> t)
            .or(() -> sourceType(typeId))
            .map(t -> manager().whichPlugin(t.getClass()))
            .map(PluginWrapper::getPluginId)
            .orElse(typeId);
    return new HubPluginContext(
        pluginId, configuration, System.getLogger("io.sendense.plugin." + pluginId), scratch);
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return e.getClass().getSimpleName()
        + ": "
        + e.getMessage()
        + (root != e ? " (caused by " + root + ")" : "");
  }

  @PreDestroy
  synchronized void stop() {
    if (manager != null) {
      // unloadPlugins() stops each plugin first; PF4J 3.15's stopPlugins() throws a
      // ConcurrentModificationException once a plugin has started.
      manager.unloadPlugins();
    }
  }
}
