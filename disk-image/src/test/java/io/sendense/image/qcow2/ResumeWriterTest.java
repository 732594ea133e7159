package io.sendense.image.qcow2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crash-safety and resume contract of {@link Qcow2Writer}. */
class ResumeWriterTest {
  private static final int SIZE = 4 << 20;

  @TempDir Path dir;

  @Test
  void interruptedWriteLeavesOnlyAPartialFile() throws Exception {
    Path image = dir.resolve("p.qcow2");
    Qcow2Writer w = Qcow2Writer.create(image, Qcow2Options.full(SIZE));
    w.write(0, ByteBuffer.wrap(TestData.mixed(1, SIZE)));
    w.close();
    assertFalse(Files.exists(image));
    assertThrows(
        CorruptImageException.class, () -> Qcow2Chain.open(Qcow2Writer.partialPath(image)));
    assertEquals(List.of(Qcow2Writer.partialPath(image)), Qcow2Writer.deletePartials(dir));
    assertFalse(Files.exists(Qcow2Writer.partialPath(image)));
  }

  @Test
  void resumeContinuesFromTheLastCheckpoint() throws Exception {
    Path image = dir.resolve("r.qcow2");
    byte[] model = TestData.mixed(2, SIZE);
    int half = SIZE / 2 + 777;
    Qcow2Options options = Qcow2Options.full(SIZE).withCompression(Compression.ZSTD);
    try (Qcow2Writer w = Qcow2Writer.create(image, options)) {
      w.write(0, ByteBuffer.wrap(model, 0, half));
      w.checkpoint();
      w.write(half, ByteBuffer.wrap(new byte[1000], 0, 1000));
      w.write(10, ByteBuffer.wrap(new byte[] {1, 2, 3}));
    }
    try (Qcow2Writer w = Qcow2Writer.resume(image, options)) {
      w.write(half, ByteBuffer.wrap(model, half, SIZE - half));
      w.commit();
    }
    WriterModelTest.assertModel("resumed", image, model, new Random(3));
  }

  @Test
  void resumeWithOtherOptionsIsRefused() throws Exception {
    Path image = dir.resolve("o.qcow2");
    try (Qcow2Writer w = Qcow2Writer.create(image, Qcow2Options.full(SIZE))) {
      w.checkpoint();
    }
    CorruptImageException e =
        assertThrows(
            CorruptImageException.class,
            () -> Qcow2Writer.resume(image, Qcow2Options.full(SIZE * 2)));
    assertTrue(e.getMessage().contains("other options"), e.getMessage());
  }
}
