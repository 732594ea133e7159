package io.sendense.webapp.immutability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileProtectionTest {
  @TempDir Path dir;

  @Test
  void protectedFilesLoseWritePermissionAndComeBackWhenReleased() throws IOException {
    Path f = Files.writeString(dir.resolve("a.qcow2"), "x");
    FileProtection p = FileProtection.system();
    FileProtection.Level level = p.protect(List.of(f, dir.resolve("missing.json")));
    try {
      assertFalse(
          Files.getPosixFilePermissions(f).contains(PosixFilePermission.OWNER_WRITE), "read-only");
      assertEquals(
          FileProtection.mayMakeImmutable()
              ? FileProtection.Level.IMMUTABLE_ATTRIBUTE
              : FileProtection.Level.READ_ONLY,
          level);
    } finally {
      p.release(List.of(f));
    }
    assertTrue(Files.getPosixFilePermissions(f).contains(PosixFilePermission.OWNER_WRITE));
    Files.delete(f);
  }

  @Test
  void withTheImmutableAttributeNotEvenTheOwnerCanDeleteTheFile() throws IOException {
    assumeTrue(FileProtection.mayMakeImmutable(), "needs CAP_LINUX_IMMUTABLE");
    Path f = Files.writeString(dir.resolve("b.qcow2"), "x");
    FileProtection p = FileProtection.system();
    assertEquals(FileProtection.Level.IMMUTABLE_ATTRIBUTE, p.protect(List.of(f)));
    try {
      assertThrows(IOException.class, () -> Files.delete(f));
      assertThrows(IOException.class, () -> Files.writeString(f, "changed"));
    } finally {
      p.release(List.of(f));
    }
    Files.delete(f);
  }

  @Test
  void aMissingChattrToolLeavesTheFilesReadOnly() throws IOException {
    assumeTrue(FileProtection.mayMakeImmutable(), "only tried when chattr would run");
    Path f = Files.writeString(dir.resolve("c.qcow2"), "x");
    FileProtection p = new FileProtection(dir.resolve("no-such-chattr").toString());
    assertEquals(FileProtection.Level.READ_ONLY, p.protect(List.of(f)));
    assertThrows(IOException.class, () -> p.release(List.of(f)), "release says chattr is missing");
    Files.setPosixFilePermissions(f, java.util.EnumSet.of(PosixFilePermission.OWNER_WRITE));
  }
}
