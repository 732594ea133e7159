package io.sendense.plugins.vmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.api.source.HypervisorSourceType;
import io.sendense.plugin.api.source.SourceConnectionTest;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/** The packaged jar is a real PF4J plugin that works on its own bundled libraries. */
@ExtendWith(VcsimExtension.class)
class VmwarePluginJarIT {

  @Test
  void packagedJarBundlesLibrariesButNotTheApiOrPf4j() throws IOException {
    try (JarFile jar = new JarFile(pluginJar().toFile())) {
      List<String> names = jar.stream().map(e -> e.getName()).toList();
      assertTrue(names.contains("com/vmware/vim25/ws/WSClient.class"));
      assertTrue(names.contains("javax/xml/bind/JAXBException.class"));
      assertTrue(names.contains("META-INF/extensions.idx"));
      assertEquals(0, names.stream().filter(n -> n.startsWith("org/pf4j/")).count());
      assertEquals(0, names.stream().filter(n -> n.startsWith("io/sendense/plugin/api/")).count());
      assertEquals(0, names.stream().filter(n -> n.startsWith("lombok/")).count());
      assertEquals("vmware", jar.getManifest().getMainAttributes().getValue("Plugin-Id"));
      assertEquals(
          VmwarePlugin.class.getName(),
          jar.getManifest().getMainAttributes().getValue("Plugin-Class"));
    }
  }

  @Test
  void pf4jLoadsTheExtensionWhichTestsAConnection(Vcsim vcsim, @TempDir Path plugins)
      throws IOException {
    Files.copy(pluginJar(), plugins.resolve("vmware.jar"), StandardCopyOption.REPLACE_EXISTING);
    PluginManager manager = new DefaultPluginManager(plugins);
    try {
      manager.loadPlugins();
      manager.startPlugins();
      PluginWrapper plugin = manager.getPlugin("vmware");
      assertEquals(VmwarePlugin.class.getName(), plugin.getDescriptor().getPluginClass());
      List<HypervisorSourceType> types =
          manager.getExtensions(HypervisorSourceType.class, "vmware");
      assertEquals(1, types.size());
      HypervisorSourceType type = types.get(0);
      assertEquals("vmware", type.typeId());
      assertNotSame(VmwareSourceType.class, type.getClass(), "loaded by the plugin's class loader");
      assertEquals(plugin.getPluginClassLoader(), type.getClass().getClassLoader());
      SourceConnectionTest result = type.testConnection(new TestContext(vcsim.configuration()));
      assertTrue(result.result().successful(), result.result().message());
    } finally {
      manager.unloadPlugins(); // stops them; PF4J 3.15's stopPlugins() fails on its own list
    }
  }

  /** The shaded jar the package phase built. */
  private static Path pluginJar() throws IOException {
    List<Path> jars = new ArrayList<>();
    try (DirectoryStream<Path> found =
        Files.newDirectoryStream(Path.of("target"), "sendense-plugin-vmware-*.jar")) {
      found.forEach(jars::add);
    }
    jars.removeIf(
        p ->
            p.getFileName().toString().contains("original")
                || p.getFileName().toString().endsWith("-sources.jar"));
    assertEquals(1, jars.size(), "exactly one packaged plugin jar in target/: " + jars);
    return jars.get(0);
  }
}
