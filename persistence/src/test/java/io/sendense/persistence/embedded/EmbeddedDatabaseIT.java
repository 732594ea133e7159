package io.sendense.persistence.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.persistence.testing.MariaDbExtension;
import io.sendense.persistence.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MariaDbExtension.class)
class EmbeddedDatabaseIT {
  @Test
  void refusesInsteadOfWipingADataFolderUnderTheTemporaryFolder() throws Exception {
    Path data = Files.createTempDirectory("sendense-precious");
    Files.createDirectories(data.resolve("mysql"));
    Files.writeString(data.resolve("mysql/user.frm"), "catalog");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> EmbeddedDatabase.start(data.resolve("bin"), data, 1));
    assertTrue(e.getMessage().contains("would delete"), e.getMessage());
    assertEquals("catalog", Files.readString(data.resolve("mysql/user.frm")));
  }

  @Test
  void passwordsAreCheckedAndEachUserSeesOnlyItsSchema(TestDatabase db) throws Exception {
    TestDatabase.Schema mine = db.newSchema();
    TestDatabase.Schema other = db.newSchema();
    assertThrows(
        SQLException.class,
        () -> DriverManager.getConnection(mine.url(), mine.user(), "wrong-password").close());
    assertThrows(
        SQLException.class, () -> DriverManager.getConnection(mine.url(), "root", "").close());
    try (Connection c = DriverManager.getConnection(mine.url(), mine.user(), mine.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INT)");
      s.execute("INSERT INTO t VALUES (7)");
      var rs = s.executeQuery("SELECT id FROM t");
      rs.next();
      assertEquals(7, rs.getInt(1));
      String otherSchema = other.url().replaceAll(".*/([^/?]+)\\?.*", "$1");
      assertThrows(
          SQLException.class, () -> s.executeQuery("SELECT 1 FROM `" + otherSchema + "`.t"));
    }
  }

  @Test
  void noAnonymousAccountLetsAnUnknownUserIn(TestDatabase db) throws Exception {
    TestDatabase.Schema mine = db.newSchema();
    String anyUrl = mine.url().replaceAll("/[^/?]+\\?", "/?");
    // An anonymous account would let any user name in without a password.
    assertThrows(
        SQLException.class,
        () -> DriverManager.getConnection(anyUrl, "nobody-" + System.nanoTime(), "").close());
  }
}
