package io.sendense.plugins.reponfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.plugin.api.repository.RepositoryStorageType;
import io.sendense.plugin.testkit.PluginJarCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NfsPluginPackagingIT {

  @Test
  void builtJarLoadsInPf4jAndProvidesTheNfsType(@TempDir Path work) throws Exception {
    List<String> types =
        PluginJarCheck.loadExtensions(
            Path.of(System.getProperty("sendense.plugin.jar")),
            work,
            System.getProperty("sendense.plugin.id"),
            RepositoryStorageType.class);

    assertEquals(List.of(NfsStorageType.TYPE_ID), types);
  }
}
