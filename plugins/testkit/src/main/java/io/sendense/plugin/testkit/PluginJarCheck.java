package io.sendense.plugin.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.api.ConfigurableExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/**
 * Proves that a built plugin jar is a real PF4J plugin: it loads and starts in a {@link
 * DefaultPluginManager} from a plugins folder, its extension is found through the extension point
 * and comes from the plugin's own class loader, and it bundles neither PF4J nor the plugin API (a
 * bundled API copy would break extension matching).
 */
public final class PluginJarCheck {

  private PluginJarCheck() {}

  /**
   * Loads {@code jar} from a fresh plugins folder under {@code workDir} and returns the type ids of
   * the {@code extensionPoint} extensions it provides, after checking the plugin id.
   */
  public static <T extends ConfigurableExtension> List<String> loadExtensions(
      Path jar, Path workDir, String expectedPluginId, Class<T> extensionPoint) throws IOException {
    assertTrue(Files.isRegularFile(jar), "Build the plugin first; no jar at " + jar);
    assertBundlesNoHostClasses(jar);
    Path pluginsDir = Files.createDirectories(workDir.resolve("plugins"));
    Files.copy(jar, pluginsDir.resolve(jar.getFileName()));
    PluginManager manager = new DefaultPluginManager(pluginsDir);
    try {
      manager.loadPlugins();
      manager.startPlugins();
      assertEquals(PluginState.STARTED, manager.getPlugin(expectedPluginId).getPluginState());
      List<T> extensions = manager.getExtensions(extensionPoint, expectedPluginId);
      for (T extension : extensions) {
        assertTrue(
            extension.getClass().getClassLoader() instanceof PluginClassLoader,
            "Extension " + extension.getClass() + " was not loaded from the plugin jar");
      }
      return extensions.stream().map(ConfigurableExtension::typeId).toList();
    } finally {
      // unloadPlugins() stops each plugin; PF4J 3.15.0's stopPlugins() throws a
      // ConcurrentModificationException as soon as one plugin is started.
      manager.unloadPlugins();
    }
  }

  private static void assertBundlesNoHostClasses(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      List<String> forbidden =
          file.stream()
              .map(e -> e.getName())
              .filter(n -> n.startsWith("org/pf4j/") || n.startsWith("io/sendense/plugin/api/"))
              .limit(5)
              .toList();
      assertTrue(
          forbidden.isEmpty(), "Plugin jar must not bundle PF4J or the plugin API: " + forbidden);
    }
  }
}
