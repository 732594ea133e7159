package io.sendense.image.qcow2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and hostile files fail fast with an exception that names the file and the problem. */
class CorruptImageTest {
  private static final int SIZE = 4 << 20;

  @TempDir Path dir;

  @Test
  void truncatedFileIsReportedAsTruncated() throws Exception {
    Path image = image("a.qcow2", null);
    try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
      ch.truncate(200_000);
    }
    assertCorrupt(image, "past the end of the file", () -> readAll(image));
  }

  @Test
  void l1EntryPointingPastTheEndIsRejected() throws Exception {
    Path image = image("a.qcow2", null);
    long l1 = header(image).getLong(40);
    patch(image, l1, ByteBuffer.allocate(8).putLong(0, Files.size(image) + (1 << 20)));
    assertCorrupt(image, "L2 table offset", () -> readAll(image));
  }

  @Test
  void sharedL2TablesAreRejected() throws Exception {
    Path image = dir.resolve("big.qcow2");
    try (Qcow2Writer w = Qcow2Writer.create(image, Qcow2Options.full(1L << 30))) {
      w.write(0, ByteBuffer.wrap(TestData.mixed(1, 1 << 20)));
      w.commit();
    }
    long l1 = header(image).getLong(40);
    ByteBuffer first = read(image, l1, 8);
    patch(image, l1 + 8, first);
    assertCorrupt(image, "share the L2 table", () -> Qcow2Chain.open(image).close());
  }

  @Test
  void refcountOverflowIsAnError() throws Exception {
    Path image = image("a.qcow2", null);
    patch(image, 96, ByteBuffer.allocate(4).putInt(0, 0));
    long l1 = header(image).getLong(40);
    long l2Offset = read(image, l1, 8).getLong(0) & Qcow2Format.OFFSET_MASK;
    long first = read(image, l2Offset, 8).getLong(0);
    patch(image, l2Offset + 8, ByteBuffer.allocate(8).putLong(0, first));
    CheckReport report =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Qcow2Checker.check(image));
    assertTrue(
        report.errors().stream().anyMatch(e -> e.contains("refcount overflow")), report.toString());
  }

  @Test
  void headerFieldsOutOfRangeAreNamed() throws Exception {
    assertHeaderRejected(20, 30, "cluster_bits 30 out of range");
    assertHeaderRejected(4, 4, "unsupported QCOW2 version 4");
    assertHeaderRejected(36, Integer.MAX_VALUE, "too large");
    assertHeaderRejected(96, 7, "refcount_order 7 out of range");
    assertHeaderRejected(16, 5000, "backing file name length 5000");
    assertHeaderRejected(0, 0x12345678, "not a QCOW2 image");
  }

  @Test
  void backingLoopIsDetected() throws Exception {
    Path a = image("a.qcow2", null);
    Path b = image("b.qcow2", a);
    patch(a, 8, ByteBuffer.allocate(12).putLong(0, 1024).putInt(8, 7));
    patch(a, 1024, ByteBuffer.wrap("b.qcow2".getBytes()));
    BrokenChainException e =
        assertThrows(BrokenChainException.class, () -> within(() -> Qcow2Chain.open(b).close()));
    assertTrue(e.getMessage().contains("loops"), e.getMessage());
  }

  @Test
  void missingAndOversizedParentsAreNamed() throws Exception {
    Path a = image("a.qcow2", null);
    Path b = image("b.qcow2", a);
    Qcow2Options small = Qcow2Options.full(SIZE / 2).withBackingFile(a);
    BrokenChainException big =
        assertThrows(
            BrokenChainException.class, () -> Qcow2Writer.create(dir.resolve("c.qcow2"), small));
    assertTrue(big.getMessage().contains("larger"), big.getMessage());
    Files.delete(a);
    BrokenChainException missing =
        assertThrows(BrokenChainException.class, () -> Qcow2Chain.open(b));
    assertEquals(b, missing.file());
    assertTrue(missing.problem().contains("a.qcow2 does not exist"), missing.problem());
  }

  private void assertHeaderRejected(int offset, int value, String message) throws Exception {
    Path image = image("h" + offset + ".qcow2", null);
    patch(image, offset, ByteBuffer.allocate(4).putInt(0, value));
    assertCorrupt(image, message, () -> Qcow2Chain.open(image).close());
  }

  private static void assertCorrupt(Path image, String message, Executable action) {
    CorruptImageException e = assertThrows(CorruptImageException.class, () -> within(action));
    assertEquals(image, e.file());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private static void within(Executable action) throws Throwable {
    try {
      assertTimeoutPreemptively(
          Duration.ofSeconds(5),
          () -> {
            try {
              action.execute();
            } catch (Throwable t) {
              throw new Wrapped(t);
            }
          });
    } catch (Wrapped w) {
      throw w.getCause();
    }
  }

  private static final class Wrapped extends RuntimeException {
    Wrapped(Throwable cause) {
      super(cause);
    }
  }

  private Path image(String name, Path parent) throws Exception {
    Path image = dir.resolve(name);
    Qcow2Options options = Qcow2Options.full(SIZE).withBackingFile(parent);
    try (Qcow2Writer w = Qcow2Writer.create(image, options)) {
      w.write(0, ByteBuffer.wrap(TestData.mixed(1, SIZE)));
      w.commit();
    }
    return image;
  }

  private static void readAll(Path image) throws Exception {
    try (Qcow2Chain chain = Qcow2Chain.open(image)) {
      chain.read(0, ByteBuffer.allocate((int) chain.virtualSize()));
    }
  }

  private static ByteBuffer header(Path image) throws Exception {
    return read(image, 0, 112);
  }

  private static ByteBuffer read(Path image, long pos, int len) throws Exception {
    try (FileChannel ch = FileChannel.open(image)) {
      ByteBuffer b = ByteBuffer.allocate(len);
      ch.read(b, pos);
      return b.clear();
    }
  }

  private static void patch(Path image, long pos, ByteBuffer data) throws Exception {
    try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
      ch.write(data.clear(), pos);
    }
  }
}
