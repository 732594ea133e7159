package io.sendense.plugins.quotafolder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.plugin.api.repository.RepositoryStorageType;
import io.sendense.plugin.testkit.PluginJarCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuotaFolderPluginPackagingIT {

  @Test
  void builtJarLoadsInPf4jAndProvidesTheQuotaFolderType(@TempDir Path work) throws Exception {
    List<String> types =
        PluginJarCheck.loadExtensions(
            Path.of(System.getProperty("sendense.plugin.jar")),
            work,
            System.getProperty("sendense.plugin.id"),
            RepositoryStorageType.class);

    assertEquals(List.of(QuotaFolderStorageType.TYPE_ID), types);
  }
}
