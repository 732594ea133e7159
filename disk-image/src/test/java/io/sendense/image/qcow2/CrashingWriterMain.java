package io.sendense.image.qcow2;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link CrashSafetyIT}: writes the first half of a seeded disk, checkpoints,
 * says so on stdout, then keeps writing the second half over and over until it is killed.
 */
public final class CrashingWriterMain {
  private CrashingWriterMain() {}

  public static void main(String[] args) throws Exception {
    Path target = Path.of(args[0]);
    int size = Integer.parseInt(args[1]);
    byte[] disk = TestData.mixed(Long.parseLong(args[2]), size);
    Qcow2Writer writer = Qcow2Writer.create(target, Qcow2Options.full(size));
    writer.write(0, ByteBuffer.wrap(disk, 0, size / 2));
    writer.checkpoint();
    System.out.println("CHECKPOINTED");
    System.out.flush();
    while (true) {
      for (int off = size / 2; off < size; off += 100_000) {
        writer.write(off, ByteBuffer.wrap(disk, off, Math.min(100_000, size - off)));
      }
    }
  }
}
