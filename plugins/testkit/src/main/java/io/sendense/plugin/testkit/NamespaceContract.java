package io.sendense.plugin.testkit;

import static io.sendense.plugin.testkit.TestData.random;
import static io.sendense.plugin.testkit.TestData.read;
import static io.sendense.plugin.testkit.TestData.sha256;
import static io.sendense.plugin.testkit.TestData.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.StorageEntry;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StorageFile;
import io.sendense.plugin.api.repository.StoragePath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract: create, list, stat, rename and delete behave the same on every storage type. */
public interface NamespaceContract extends StorageFixture {

  @Test
  default void renameMovesCompleteFileAndRefusesToReplace() throws Exception {
    StoragePath temp = dir().resolve("point.qcow2.part");
    StoragePath done = dir().resolve("point.qcow2");
    StoragePath other = dir().resolve("other.qcow2");
    byte[] data = random(1_500_000, 7);
    try (StorageFile file = storage().create(temp)) {
      write(file, data, 0);
      file.sync();
    }
    storage().rename(temp, done);
    assertTrue(storage().stat(temp).isEmpty());
    try (StorageFile file = storage().open(done, false)) {
      assertEquals(sha256(data), sha256(read(file, 0, data.length)));
    }
    storage().create(other).close();
    StorageException e = assertThrows(StorageException.class, () -> storage().rename(other, done));
    assertEquals(FailureKind.ALREADY_EXISTS, e.kind(), e.getMessage());
    assertEquals(data.length, storage().stat(done).orElseThrow().size());
    assertEquals(0, storage().stat(other).orElseThrow().size());
  }

  @Test
  default void renameMovesFoldersBetweenParents() throws Exception {
    storage().createDirectories(dir().resolve("a/b"));
    storage().create(dir().resolve("a/b/f")).close();
    storage().createDirectories(dir().resolve("c"));
    storage().rename(dir().resolve("a/b"), dir().resolve("c/b2"));
    assertTrue(storage().stat(dir().resolve("c/b2/f")).isPresent());
    assertTrue(storage().stat(dir().resolve("a/b")).isEmpty());
  }

  @Test
  default void missingPathsFailWithPathNotFound() {
    StoragePath missing = dir().resolve("missing");
    assertKind(FailureKind.PATH_NOT_FOUND, () -> storage().open(missing, false));
    assertKind(FailureKind.PATH_NOT_FOUND, () -> storage().delete(missing));
    assertKind(FailureKind.PATH_NOT_FOUND, () -> storage().list(missing));
    assertKind(FailureKind.PATH_NOT_FOUND, () -> storage().rename(missing, dir().resolve("x")));
  }

  @Test
  default void createRefusesAnExistingFile() throws Exception {
    StoragePath path = dir().resolve("once.bin");
    try (StorageFile file = storage().create(path)) {
      write(file, new byte[] {42}, 0);
    }
    assertKind(FailureKind.ALREADY_EXISTS, () -> storage().create(path));
    assertEquals(1, storage().stat(path).orElseThrow().size());
  }

  @Test
  default void listShowsEntriesSortedWithSizesAndKinds() throws Exception {
    storage().createDirectories(dir().resolve("sub/deeper"));
    try (StorageFile file = storage().create(dir().resolve("b.bin"))) {
      write(file, new byte[777], 0);
    }
    storage().create(dir().resolve("a.bin")).close();
    List<StorageEntry> entries = storage().list(dir());
    assertEquals(List.of("a.bin", "b.bin", "sub"), entries.stream().map(e -> e.name()).toList());
    assertEquals(List.of(0L, 777L), List.of(entries.get(0).size(), entries.get(1).size()));
    assertEquals(List.of(false, false, true), entries.stream().map(e -> e.directory()).toList());
    assertEquals(dir().resolve("sub"), entries.get(2).path());
  }

  @Test
  default void deleteRemovesFilesAndEmptyFoldersOnly() throws Exception {
    storage().createDirectories(dir().resolve("full"));
    storage().create(dir().resolve("full/f")).close();
    assertThrows(StorageException.class, () -> storage().delete(dir().resolve("full")));
    storage().delete(dir().resolve("full/f"));
    storage().delete(dir().resolve("full"));
    assertTrue(storage().stat(dir().resolve("full")).isEmpty());
    assertFalse(storage().list(dir()).stream().anyMatch(e -> e.name().equals("full")));
  }

  private static void assertKind(FailureKind kind, org.junit.jupiter.api.function.Executable op) {
    StorageException e = assertThrows(StorageException.class, op);
    assertEquals(kind, e.kind(), e.getMessage());
  }
}
