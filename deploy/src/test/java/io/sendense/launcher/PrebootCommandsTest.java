package io.sendense.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrebootCommandsTest {
  @TempDir Path dir;

  @Test
  void escapesAsadminPropertySeparators() {
    assertEquals(
        "jdbc\\:mariadb\\://h\\:3307/s?a\\=b",
        PrebootCommands.escape("jdbc:mariadb://h:3307/s?a=b"));
    assertThrows(IllegalArgumentException.class, () -> PrebootCommands.escape("a b"));
  }

  @Test
  void definesBothDataSourcesAndTheBatchRepository() {
    PrebootCommands.Db db = new PrebootCommands.Db("jdbc:mariadb://h:1/a", "u", "p");
    List<String> commands = PrebootCommands.commands("127.0.0.1", db, db);
    assertTrue(commands.get(0).endsWith("http-listener.address=127.0.0.1"));
    assertEquals(
        1,
        commands.stream()
            .filter(c -> c.startsWith("create-jdbc-resource") && c.endsWith(" jdbc/sendense"))
            .count());
    assertEquals(
        1,
        commands.stream()
            .filter(c -> c.startsWith("create-jdbc-resource") && c.endsWith(" jdbc/sendense-batch"))
            .count());
    assertEquals(
        List.of("set-batch-runtime-configuration --datasourcelookupname jdbc/sendense-batch"),
        PrebootCommands.postBoot(),
        "after boot: before it, the command's data source lookup logs a stack trace");
  }

  @Test
  void commandFileIsOwnerOnly() throws Exception {
    Path file = PrebootCommands.write(dir.resolve("run/preboot.asadmin"), List.of("a", "b"));
    assertEquals(List.of("a", "b"), Files.readAllLines(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }
}
