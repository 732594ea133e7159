package io.sendense.image.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the QCOW2 writer and reader rely on from every {@link ImageStore}. */
abstract class ImageStoreContract {

  abstract ImageStore store() throws IOException;

  @Test
  void createdFilesReadBackAtAnyPositionAndGrowWithHoles() throws Exception {
    ImageStore store = store();
    store.createDirectories("vm-1/disks");
    try (ImageChannel ch = store.create("vm-1/disks/a.qcow2")) {
      ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 10);
      ch.write(ByteBuffer.wrap(new byte[] {9}), 0);
      ch.sync();
      assertEquals(13, ch.size());
      ByteBuffer back = ByteBuffer.allocate(16);
      assertEquals(13, ch.readOrZero(back, 0));
      assertArrayEquals(new byte[] {9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0}, back.array());
      assertEquals(-1, ch.read(ByteBuffer.allocate(1), 13));
    }
    assertEquals(
        Optional.of(new ImageEntry("vm-1/disks/a.qcow2", false, 13)),
        store.stat("vm-1/disks/a.qcow2"));
    assertTrue(store.stat("vm-1/disks").orElseThrow().directory());
    assertEquals(Optional.empty(), store.stat("vm-1/none.qcow2"));
  }

  @Test
  void createRefusesAnExistingFileAndOpenAMissingOne() throws Exception {
    ImageStore store = store();
    store.create("x.qcow2").close();
    assertThrows(FileAlreadyExistsException.class, () -> store.create("x.qcow2"));
    assertThrows(NoSuchFileException.class, () -> store.open("y.qcow2", false));
  }

  @Test
  void readOnlyChannelsRefuseWrites() throws Exception {
    ImageStore store = store();
    store.create("ro.qcow2").close();
    try (ImageChannel ch = store.open("ro.qcow2", false)) {
      assertThrows(IOException.class, () -> ch.write(ByteBuffer.wrap(new byte[] {1}), 0));
    }
    assertEquals(0, store.stat("ro.qcow2").orElseThrow().size());
  }

  @Test
  void renameNeverReplacesATarget() throws Exception {
    ImageStore store = store();
    try (ImageChannel a = store.create("a.partial")) {
      a.write(ByteBuffer.wrap(new byte[] {1}), 0);
    }
    store.create("b.qcow2").close();
    assertThrows(FileAlreadyExistsException.class, () -> store.rename("a.partial", "b.qcow2"));
    assertEquals(0, store.stat("b.qcow2").orElseThrow().size());
    store.rename("a.partial", "c.qcow2");
    assertFalse(store.isFile("a.partial"));
    assertEquals(1, store.stat("c.qcow2").orElseThrow().size());
    assertThrows(NoSuchFileException.class, () -> store.rename("a.partial", "d.qcow2"));
  }

  @Test
  void listsAFolderSortedAndDeletes() throws Exception {
    ImageStore store = store();
    store.createDirectories("vm-2/sub");
    store.create("vm-2/b.qcow2").close();
    store.create("vm-2/a.qcow2.partial").close();
    assertEquals(
        List.of("vm-2/a.qcow2.partial", "vm-2/b.qcow2", "vm-2/sub"),
        store.list("vm-2").stream().map(ImageEntry::name).toList());
    assertTrue(store.deleteIfExists("vm-2/b.qcow2"));
    assertFalse(store.deleteIfExists("vm-2/b.qcow2"));
    assertThrows(NoSuchFileException.class, () -> store.list("vm-3"));
  }

  @Test
  void namesThatLeaveTheStoreAreRefused() throws Exception {
    ImageStore store = store();
    for (String bad : List.of("/etc/passwd", "../x", "a/../../x", "a//b", "./a", "a\\b")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> store.stat(bad), bad);
      assertTrue(e.getMessage().contains("relative path inside the store"), e.getMessage());
    }
  }
}
