package io.sendense.batch.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.batch.port.PlannedDisk;
import io.sendense.image.qcow2.Qcow2Chain;
import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.image.store.LocalImageStore;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskImageTest {
  @TempDir Path repo;

  private final PlannedDisk disk =
      PlannedDisk.full(1, "Hard disk 1", 1 << 20, "vm/a.qcow2", "test");

  @Test
  void resumeContinuesAtTheLastCheckpoint() throws Exception {
    DiskImage image = new DiskImage(new LocalImageStore(repo), disk);
    try (Qcow2Writer w = image.open(false)) {
      w.write(4096, ByteBuffer.wrap(new byte[] {1, 2, 3}));
      w.checkpoint();
    }
    try (Qcow2Writer w = image.open(true)) {
      w.commit();
    }
    assertTrue(image.committed());
    try (Qcow2Chain chain = Qcow2Chain.open(repo.resolve(image.target()))) {
      ByteBuffer b = ByteBuffer.allocate(3);
      chain.read(4096, b);
      assertArrayEquals(new byte[] {1, 2, 3}, b.array());
    }
  }

  @Test
  void resumeRefusesWhenThePartialImageIsGone() throws Exception {
    DiskImage image = new DiskImage(new LocalImageStore(repo), disk);
    image.open(false).close();
    Files.delete(Qcow2Writer.partialPath(repo.resolve(image.target())));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> image.open(true));
    assertTrue(e.getMessage().contains("a.qcow2.partial"), e.getMessage());
  }

  @Test
  void freshOpenReplacesAStalePartialImage() throws Exception {
    DiskImage image = new DiskImage(new LocalImageStore(repo), disk);
    Files.createDirectories(repo.resolve(image.target()).getParent());
    Files.writeString(
        Qcow2Writer.partialPath(repo.resolve(image.target())), "left over by a crash");
    try (Qcow2Writer w = image.open(false)) {
      w.commit();
    }
    try (Qcow2Chain chain = Qcow2Chain.open(repo.resolve(image.target()))) {
      assertEquals(1 << 20, chain.virtualSize());
    }
  }
}
