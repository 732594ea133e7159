package io.sendense.batch.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.qcow2.Qcow2Chain;
import io.sendense.image.qcow2.Qcow2Options;
import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.image.store.ImageChannel;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.StorageException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The adapter from a repository plugin's storage to the image code: bounded retries after a broken
 * connection, no durability claimed across a lost handle, outcomes of lost answers checked, and
 * failures that name the repository, the kind and the plugin's reason.
 */
class StorageImageStoreTest {
  private final List<Long> pauses = new ArrayList<>();
  private final StorageRetry retry = new StorageRetry(4, Duration.ofMillis(100), pauses::add);

  private StorageImageStore store(FakeStorage storage) {
    return new StorageImageStore(storage, "nfs-1", retry);
  }

  @Test
  void aShortOutageIsRetriedWithGrowingPauses() throws Exception {
    FakeStorage storage = new FakeStorage(false);
    StorageImageStore store = store(storage);
    storage.dropNext(2, FailureKind.CONNECTION_LOST);
    store.createDirectories("vm-1");
    assertEquals(List.of(100L, 200L), pauses);
    assertEquals(false, store.isFile("vm-1/a.qcow2"));
  }

  @Test
  void anOutageLongerThanTheRetriesFailsWithTheRepositoryKindAndReason() throws Exception {
    FakeStorage storage = new FakeStorage(false);
    StorageImageStore store = store(storage);
    storage.dropNext(10, FailureKind.CONNECTION_LOST);
    StorageException e = assertThrows(StorageException.class, () -> store.stat("vm-1/a.qcow2"));
    assertEquals(FailureKind.CONNECTION_LOST, e.kind());
    assertEquals(
        "Repository 'nfs-1' (CONNECTION_LOST): Cannot stat vm-1/a.qcow2: server gone (test)",
        e.getMessage());
    assertEquals(List.of(100L, 200L, 400L), pauses, "four attempts in all");
  }

  @Test
  void failuresARetryCannotCureFailAtOnce() throws Exception {
    FakeStorage storage = new FakeStorage(false);
    StorageImageStore store = store(storage);
    ImageChannel ch = store.create("a.partial");
    storage.dropNext(1, FailureKind.NO_SPACE);
    StorageException e =
        assertThrows(StorageException.class, () -> ch.write(ByteBuffer.allocate(10), 0));
    assertEquals(FailureKind.NO_SPACE, e.kind());
    assertEquals(List.of(), pauses);
    assertThrows(NoSuchFileException.class, () -> store.open("none.qcow2", false));
    assertThrows(FileAlreadyExistsException.class, () -> store.create("a.partial"));
  }

  @Test
  void aStatelessHandleContinuesAfterAnOutageAndItsSyncCounts() throws Exception {
    FakeStorage storage = new FakeStorage(false);
    try (ImageChannel ch = store(storage).create("a.partial")) {
      ch.write(ByteBuffer.wrap(new byte[] {1, 2}), 0);
      storage.dropNext(1, FailureKind.CONNECTION_LOST);
      ch.write(ByteBuffer.wrap(new byte[] {3}), 2);
      ch.sync();
    }
    assertArrayEquals(new byte[] {1, 2, 3}, storage.files.get("a.partial"));
    assertEquals(0, storage.opens.get(), "the same handle was used again");
  }

  @Test
  void aHandleLostWithUnsyncedWritesIsReopenedButItsSyncFails() throws Exception {
    FakeStorage storage = new FakeStorage(true);
    try (ImageChannel ch = store(storage).create("a.partial")) {
      ch.write(ByteBuffer.wrap(new byte[] {1, 2}), 0);
      storage.dropNext(1, FailureKind.CONNECTION_LOST);
      ch.write(ByteBuffer.wrap(new byte[] {3}), 2);
      assertEquals(1, storage.opens.get(), "a new handle after the old one died");
      StorageException e = assertThrows(StorageException.class, ch::sync);
      assertEquals(FailureKind.CONNECTION_LOST, e.kind());
      assertTrue(e.getMessage().contains("may be lost"), e.getMessage());
      ch.write(ByteBuffer.wrap(new byte[] {4}), 3);
      ch.sync();
    }
    assertEquals(1, storage.syncs.get(), "only the sync after the failure reached the storage");
  }

  @Test
  void aHandleLostAfterASyncIsReopenedWithoutLoss() throws Exception {
    FakeStorage storage = new FakeStorage(true);
    try (ImageChannel ch = store(storage).create("a.partial")) {
      ch.write(ByteBuffer.wrap(new byte[] {1, 2}), 0);
      ch.sync();
      storage.dropNext(1, FailureKind.CONNECTION_LOST);
      ByteBuffer back = ByteBuffer.allocate(2);
      ch.readOrZero(back, 0);
      assertArrayEquals(new byte[] {1, 2}, back.array());
      ch.sync();
    }
  }

  @Test
  void aCreateOrRenameWhoseAnswerWasLostIsNotRepeatedBlindly() throws Exception {
    FakeStorage storage = new FakeStorage(false);
    StorageImageStore store = store(storage);
    storage.loseAnswerOfNext();
    store.create("b.partial").close();
    assertEquals(1, storage.opens.get(), "the empty file the lost attempt made is used");
    storage.loseAnswerOfNext();
    store.rename("b.partial", "b.qcow2");
    assertTrue(store.isFile("b.qcow2"));
    assertEquals(false, store.isFile("b.partial"));
  }

  @Test
  void theQcow2WriterAndReaderWorkThroughAFlakyStorage() throws Exception {
    FakeStorage storage = new FakeStorage(false);
    StorageImageStore store = store(storage);
    store.createDirectories("vm-1");
    byte[] disk = new byte[4 << 20];
    new Random(3).nextBytes(disk);
    try (Qcow2Writer w =
        Qcow2Writer.create(store, "vm-1/full.qcow2", Qcow2Options.full(disk.length))) {
      w.write(0, ByteBuffer.wrap(disk, 0, disk.length / 2));
      storage.dropNext(2, FailureKind.CONNECTION_LOST);
      w.write(disk.length / 2, ByteBuffer.wrap(disk, disk.length / 2, disk.length / 2));
      w.commit();
    }
    assertEquals(0, storage.opens.get(), "the writer's handle worked again, none was replaced");
    try (Qcow2Chain chain = Qcow2Chain.open(store, "vm-1/full.qcow2")) {
      ByteBuffer all = ByteBuffer.allocate(disk.length);
      chain.read(0, all);
      assertArrayEquals(disk, all.array());
    }
    assertEquals(List.of(100L), pauses, "back after one pause");
  }
}
