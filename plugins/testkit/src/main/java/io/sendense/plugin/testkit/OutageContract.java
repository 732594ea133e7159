package io.sendense.plugin.testkit;

import static io.sendense.plugin.testkit.TestData.random;
import static io.sendense.plugin.testkit.TestData.read;
import static io.sendense.plugin.testkit.TestData.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StorageFile;
import io.sendense.plugin.api.repository.StoragePath;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Contract: when the peer goes away in the middle of a write, the writer gets a clear error (not a
 * hang, not silent loss), and the same opened storage works again once the peer is back.
 */
public interface OutageContract extends StorageFixture {

  Set<FailureKind> OUTAGE_KINDS = Set.of(FailureKind.CONNECTION_LOST, FailureKind.HOST_UNREACHABLE);

  @Test
  default void peerGoingAwayMidWriteGivesAClearErrorAndStorageRecovers() throws Exception {
    assumeTrue(peerControl().isPresent(), "this storage type has no peer that can go away");
    PeerControl peer = peerControl().orElseThrow();
    StoragePath path = dir().resolve("outage.bin");
    StorageFile file = storage().create(path);
    byte[] block = random(512 * 1024, 9);
    write(file, block, 0);
    peer.stop();
    try {
      StorageException e =
          assertThrows(
              StorageException.class,
              () -> {
                for (int i = 1; i <= 16; i++) {
                  write(file, block, (long) i * block.length);
                }
                file.sync();
              });
      assertTrue(OUTAGE_KINDS.contains(e.kind()), e.kind() + ": " + e.getMessage());
      assertTrue(
          e.getMessage().contains("outage.bin"), "message names the file: " + e.getMessage());
    } finally {
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

  private static void closeQuietly(StorageFile file) {
    try {
      file.close();
    } catch (StorageException e) {
      // The handle belonged to a connection that is gone; failing to close it is expected.
    }
  }
}
