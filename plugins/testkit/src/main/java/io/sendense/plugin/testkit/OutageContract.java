package io.sendense.plugin.testkit;

import static io.sendense.plugin.testkit.TestData.random;
import static io.sendense.plugin.testkit.TestData.read;
import static io.sendense.plugin.testkit.TestData.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StorageFile;
import io.sendense.plugin.api.repository.StoragePath;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Contract: when the peer goes away while a writer is busy, the writer gets a clear error (not a
 * hang, not silent loss), and the same opened storage works again once the peer is back. While it
 * is away, asking for a file is an error, never "no such file" (a backup would otherwise take a
 * parent for deleted, or a restart its partial image).
 */
public interface OutageContract extends StorageFixture {

  Set<FailureKind> OUTAGE_KINDS = Set.of(FailureKind.CONNECTION_LOST, FailureKind.HOST_UNREACHABLE);

  int OUTAGE_BLOCK = 256 * 1024;

  /** Upper bound of writes, so a storage that swallows errors ends the test instead of looping. */
  int MAX_WRITES = 20_000;

  @Test
  default void peerGoingAwayMidWriteGivesAClearErrorAndStorageRecovers() throws Exception {
    assumeTrue(peerControl().isPresent(), "this storage type has no peer that can go away");
    PeerControl peer = peerControl().orElseThrow();
    byte[] block = random(OUTAGE_BLOCK, 9);
    StorageFile file = storage().create(dir().resolve("outage.bin"));
    AtomicInteger written = new AtomicInteger();
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(() -> writeUntilFailure(file, block, written));
    try {
      awaitWrites(written, writer);
      peer.stop();
      ExecutionException failure =
          assertThrows(ExecutionException.class, () -> writer.get(2, TimeUnit.MINUTES));
      StorageException e = assertInstanceOf(StorageException.class, failure.getCause().getCause());
      assertTrue(OUTAGE_KINDS.contains(e.kind()), e.kind() + ": " + e.getMessage());
      assertTrue(
          e.getMessage().contains("outage.bin"), "message names the file: " + e.getMessage());
    } finally {
      writer.cancel(true);
      peer.start();
      closeQuietly(file);
    }
    StoragePath after = dir().resolve("after-outage.bin");
    try (StorageFile again = storage().create(after)) {
      write(again, block, 0);
      again.sync();
      assertArrayEquals(block, read(again, 0, block.length));
    }
  }

  @Test
  default void aPeerThatIsDownIsAnErrorNotAMissingFile() throws Exception {
    assumeTrue(peerControl().isPresent(), "this storage type has no peer that can go away");
    PeerControl peer = peerControl().orElseThrow();
    StoragePath present = dir().resolve("present.bin");
    try (StorageFile file = storage().create(present)) {
      write(file, random(4096, 3), 0);
      file.sync();
    }
    peer.stop();
    try {
      StorageException stat =
          assertThrows(StorageException.class, () -> storage().stat(present), "stat");
      assertTrue(OUTAGE_KINDS.contains(stat.kind()), stat.kind() + ": " + stat.getMessage());
      StorageException open =
          assertThrows(StorageException.class, () -> storage().open(present, false), "open");
      assertTrue(OUTAGE_KINDS.contains(open.kind()), open.kind() + ": " + open.getMessage());
    } finally {
      peer.start();
    }
    assertTrue(storage().stat(present).isPresent(), "the file is still there");
  }

  private static void writeUntilFailure(StorageFile file, byte[] block, AtomicInteger written) {
    try {
      for (int i = 0; i < MAX_WRITES; i++) {
        write(file, block, (long) i * block.length);
        written.incrementAndGet();
      }
      file.sync();
    } catch (StorageException e) {
      throw new IllegalStateException("write failed", e);
    }
  }

  private static void awaitWrites(AtomicInteger written, CompletableFuture<Void> writer)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (written.get() < 4 && !writer.isDone() && Instant.now().isBefore(deadline)) {
      TimeUnit.MILLISECONDS.sleep(5);
    }
    assertTrue(written.get() >= 4, "the writer should be busy before the peer is stopped");
  }

  private static void closeQuietly(StorageFile file) {
    try {
      file.close();
    } catch (StorageException e) {
      // The handle belonged to a connection that is gone; failing to close it is expected.
    }
  }
}
