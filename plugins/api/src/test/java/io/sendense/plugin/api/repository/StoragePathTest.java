package io.sendense.plugin.api.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoragePathTest {

  @Test
  void parsesRelativePathsIntoSegments() {
    StoragePath path = StoragePath.of("vm-42/disk-0/full.qcow2");

    assertEquals(List.of("vm-42", "disk-0", "full.qcow2"), path.segments());
    assertEquals("full.qcow2", path.fileName());
    assertEquals("vm-42/disk-0", path.parent().orElseThrow().toString());
    assertEquals("vm-42/disk-0/full.qcow2", path.toString());
  }

  @Test
  void emptyTextIsTheRoot() {
    assertTrue(StoragePath.of("").isRoot());
    assertEquals("a/b", StoragePath.ROOT.resolve("a/b").toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/etc/passwd", "..", "a/../b", "a/./b", "a//b", "a/", "a\0b", "a\\b", "a\nb"})
  void refusesPathsThatCouldEscapeOrConfuse(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> StoragePath.of(text));
    assertTrue(e.getMessage().startsWith("Repository path"), e.getMessage());
  }

  @Test
  void resolveValidatesTheAppendedPart() {
    assertThrows(IllegalArgumentException.class, () -> StoragePath.of("a").resolve("../b"));
  }
}
