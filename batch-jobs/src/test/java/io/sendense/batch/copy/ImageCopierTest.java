package io.sendense.batch.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.qcow2.ImageFacts;
import io.sendense.image.qcow2.Qcow2Chain;
import io.sendense.image.qcow2.Qcow2Options;
import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.image.store.ImageStore;
import io.sendense.image.store.LocalImageStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCopierTest {
  private static final long SIZE = 8L << 20;
  private static final String FULL = "vm-1/a-disk2000.qcow2";
  private static final String INCR = "vm-1/b-disk2000.qcow2";

  @TempDir Path dir;
  private ImageStore source;
  private ImageStore target;
  private final AtomicLong copied = new AtomicLong();
  private volatile boolean stop;

  private final ImageCopier.Progress progress =
      new ImageCopier.Progress() {
        @Override
        public void copied(long bytes) {
          copied.addAndGet(bytes);
        }

        @Override
        public boolean stopRequested() {
          return stop;
        }
      };

  @BeforeEach
  void chain() throws IOException {
    source = new LocalImageStore(Files.createDirectories(dir.resolve("primary")));
    target = new LocalImageStore(Files.createDirectories(dir.resolve("copy")));
    source.createDirectories("vm-1");
    write(FULL, null, 1, 0, 3 << 20);
    write(INCR, FULL, 2, 1 << 20, 1 << 20);
  }

  @Test
  void aByteCopyIsIdenticalAndVerifiedAgainstTheRecordedHash() throws IOException {
    ImageFacts expected = ImageFacts.read(source, FULL);
    ImageFacts got = ImageCopier.copy(source, target, image(FULL, expected, false), progress);
    assertEquals(expected, got);
    assertArrayEquals(bytes(source, FULL), bytes(target, FULL));
    assertEquals(expected.fileSize(), copied.get());
    assertFalse(target.isFile(Qcow2Writer.partialName(FULL)));
  }

  @Test
  void anIncrementalCopiedAfterItsParentReadsAsTheSourceChain() throws IOException {
    ImageCopier.copy(source, target, image(FULL, ImageFacts.read(source, FULL), false), progress);
    ImageCopier.copy(source, target, image(INCR, ImageFacts.read(source, INCR), false), progress);
    assertEquals(content(source, INCR), content(target, INCR));
  }

  @Test
  void aDamagedSourceIsRefusedAndLeavesNothingOnTheTarget() throws IOException {
    ImageFacts expected = ImageFacts.read(source, FULL);
    try (RandomAccessFile f =
        new RandomAccessFile(dir.resolve("primary").resolve(FULL).toFile(), "rw")) {
      f.seek(f.length() - 10);
      f.write(0x5a);
    }
    IOException e =
        assertThrows(
            IOException.class,
            () -> ImageCopier.copy(source, target, image(FULL, expected, false), progress));
    assertTrue(e.getMessage().contains("does not match its recorded SHA-256"), e.getMessage());
    assertFalse(target.isFile(FULL));
    assertFalse(target.isFile(Qcow2Writer.partialName(FULL)));
  }

  @Test
  void aStoppedCopyLeavesNoImageUnderItsName() throws IOException {
    stop = true;
    assertThrows(
        IOException.class,
        () ->
            ImageCopier.copy(
                source, target, image(FULL, ImageFacts.read(source, FULL), false), progress));
    assertFalse(target.isFile(FULL));
    stop = false;
    ImageCopier.copy(source, target, image(FULL, ImageFacts.read(source, FULL), false), progress);
    assertArrayEquals(bytes(source, FULL), bytes(target, FULL));
  }

  @Test
  void aCopyAnEarlierRunNamedButDidNotRecordIsKeptOnlyIfItVerifies() throws IOException {
    ImageFacts expected = ImageFacts.read(source, FULL);
    ImageCopier.copy(source, target, image(FULL, expected, false), progress);
    long before = copied.get();
    assertEquals(
        expected, ImageCopier.copy(source, target, image(FULL, expected, false), progress));
    assertEquals(before, copied.get(), "not copied again");
    ImageFacts other = ImageFacts.read(source, INCR);
    assertThrows(
        IOException.class,
        () -> ImageCopier.copy(source, target, image(FULL, other, false), progress),
        "a different file under the name is never taken for the copy");
  }

  @Test
  void aFlattenedCopyIsAStandaloneFullWithTheChainsContent() throws IOException {
    ImageFacts facts = ImageCopier.copy(source, target, image(INCR, null, true), progress);
    assertNull(facts.backingFile());
    assertEquals(content(source, INCR), content(target, INCR));
    try (Qcow2Chain copy = Qcow2Chain.open(target, INCR)) {
      assertEquals(1, copy.names().size(), "no backing file");
    }
    assertEquals(ImageFacts.read(target, INCR), facts);
  }

  private static CopyPlan.Image image(String file, ImageFacts expected, boolean flatten) {
    return new CopyPlan.Image(1, 2000, file, expected, flatten, false);
  }

  private void write(String name, String parent, long seed, long offset, int length)
      throws IOException {
    Qcow2Options options =
        new Qcow2Options(
            SIZE,
            Qcow2Options.DEFAULT_CLUSTER_SIZE,
            parent == null ? null : Path.of(parent),
            io.sendense.image.qcow2.Compression.NONE);
    byte[] data = new byte[length];
    new Random(seed).nextBytes(data);
    try (Qcow2Writer w = Qcow2Writer.create(source, name, options)) {
      w.write(offset, ByteBuffer.wrap(data));
      w.commit();
    }
  }

  private static byte[] bytes(ImageStore store, String name) throws IOException {
    try (var ch = store.open(name, false)) {
      ByteBuffer b = ByteBuffer.allocate((int) ch.size());
      ch.readOrZero(b, 0);
      return b.array();
    }
  }

  /** The whole virtual disk as a hash of its bytes. */
  private static String content(ImageStore store, String top) throws IOException {
    try (Qcow2Chain chain = Qcow2Chain.open(store, top)) {
      ByteBuffer b = ByteBuffer.allocate((int) chain.virtualSize());
      chain.read(0, b);
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b.array()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
