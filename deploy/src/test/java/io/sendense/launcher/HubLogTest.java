package io.sendense.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubLogTest {
  @TempDir Path dir;

  @Test
  void rotatesBySizeKeepingTheNewestFilesOwnerOnly() throws Exception {
    Path file = dir.resolve("logs/hub.log");
    HubLog log = new HubLog(file, 100, 2);
    StringBuilder output = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      output.append("\u001B[1;92mline ").append(i).append("\u001B[0m of the hub\n");
    }
    log.pump(new ByteArrayInputStream(output.toString().getBytes(StandardCharsets.UTF_8)))
        .join(10_000);
    assertTrue(Files.size(file) <= 100 + 40, "rotated at about 100 bytes: " + Files.size(file));
    assertTrue(Files.exists(dir.resolve("logs/hub.log.1")));
    assertTrue(Files.exists(dir.resolve("logs/hub.log.2")));
    assertFalse(Files.exists(dir.resolve("logs/hub.log.3")), "only two old files are kept");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    List<String> last = Files.readAllLines(file);
    assertEquals("line 29 of the hub", last.get(last.size() - 1), "colour codes are stripped");
    assertEquals("line 29 of the hub", log.tail().get(log.tail().size() - 1));
  }

  @Test
  void secondLockOnAFolderIsRefused() throws Exception {
    try (DataFolderLock first = DataFolderLock.acquire(dir)) {
      IllegalStateException refused =
          assertThrows(IllegalStateException.class, () -> DataFolderLock.acquire(dir));
      assertTrue(refused.getMessage().contains("already running"), refused.getMessage());
      assertTrue(
          refused.getMessage().contains("pid " + ProcessHandle.current().pid()),
          refused.getMessage());
    }
    DataFolderLock.acquire(dir).close();
  }
}
