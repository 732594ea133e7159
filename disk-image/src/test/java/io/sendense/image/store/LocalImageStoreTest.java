package io.sendense.image.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalImageStoreTest extends ImageStoreContract {
  @TempDir Path dir;

  @Override
  ImageStore store() {
    return new LocalImageStore(dir);
  }

  @Test
  void namesMapToPathsUnderTheRootOnly() throws Exception {
    LocalImageStore store = new LocalImageStore(dir);
    assertEquals(dir.resolve("vm-1/a.qcow2"), store.path("vm-1/a.qcow2"));
    assertEquals("vm-1/a.qcow2", store.nameOf(dir.resolve("vm-1/x/../a.qcow2")));
    assertThrows(IllegalArgumentException.class, () -> store.nameOf(dir.resolveSibling("other")));
    store.createDirectories("vm-1");
    store.create("vm-1/a.qcow2").close();
    assertEquals(0, Files.size(dir.resolve("vm-1/a.qcow2")));
  }
}
