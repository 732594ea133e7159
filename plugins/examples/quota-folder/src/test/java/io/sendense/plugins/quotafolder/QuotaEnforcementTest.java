package io.sendense.plugins.quotafolder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.RepositoryStorage;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StorageFile;
import io.sendense.plugin.api.repository.StoragePath;
import io.sendense.plugin.testkit.TestPluginContext;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuotaEnforcementTest {

  private static final int MIB = 1024 * 1024;

  @TempDir Path base;

  private RepositoryStorage open() throws StorageException {
    QuotaFolderStorageType type = new QuotaFolderStorageType();
    Configuration config =
        Configuration.of(
            Map.of(
                QuotaFolderStorageType.BASE, base.toString(),
                QuotaFolderStorageType.SUB_FOLDER, "q",
                QuotaFolderStorageType.QUOTA_MIB, "2"));
    return type.open(TestPluginContext.of(type, config, base));
  }

  @Test
  void writesPastTheQuotaFailWithNoSpaceAndDeleteFreesSpace() throws Exception {
    try (RepositoryStorage storage = open()) {
      StoragePath path = StoragePath.of("a.bin");
      try (StorageFile file = storage.create(path)) {
        file.write(ByteBuffer.allocate(MIB + MIB / 2), 0);
        StorageException e =
            assertThrows(
                StorageException.class, () -> file.write(ByteBuffer.allocate(MIB), MIB + MIB / 2));
        assertEquals(FailureKind.NO_SPACE, e.kind());
        assertEquals(MIB + MIB / 2, file.size());
      }
      assertEquals(MIB / 2, storage.capacity().freeBytes());
      storage.delete(path);
      assertEquals(2 * MIB, storage.capacity().freeBytes());
    }
  }

  @Test
  void usageSurvivesReopening() throws Exception {
    try (RepositoryStorage storage = open();
        StorageFile file = storage.create(StoragePath.of("b.bin"))) {
      file.write(ByteBuffer.allocate(MIB), 0);
    }
    try (RepositoryStorage storage = open()) {
      assertEquals(MIB, storage.capacity().usedBytes());
    }
  }

  @Test
  void subFolderMustBeOneName() {
    Configuration config =
        Configuration.of(
            Map.of(QuotaFolderStorageType.BASE, "/tmp", QuotaFolderStorageType.SUB_FOLDER, "../x"));
    assertEquals("subFolder", new QuotaFolderStorageType().validate(config).get(0).field());
  }
}
