package io.sendense.image.qcow2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Seeded random writes applied both to a writer and to an in-memory model of the disk: aligned and
 * unaligned offsets, lengths from one byte to several clusters, zero runs, writes that end at the
 * (unaligned) end of the disk.
 */
public final class RandomWrites {
  private final Random random;
  private final byte[] model;

  public RandomWrites(long seed, int virtualSize) {
    this.random = new Random(seed);
    this.model = new byte[virtualSize];
  }

  public byte[] model() {
    return model;
  }

  /** Applies {@code count} random writes to the writer and the model. */
  public void apply(Qcow2Writer writer, int count, int clusterSize) throws IOException {
    for (int i = 0; i < count; i++) {
      long offset = offset(clusterSize);
      int max = (int) Math.min(model.length - offset, 5L * clusterSize);
      int length = random.nextInt(4) == 0 ? Math.min(max, clusterSize) : 1 + random.nextInt(max);
      if (random.nextInt(8) == 0) {
        offset = model.length - length;
      }
      byte[] data = new byte[length];
      int kind = random.nextInt(10);
      if (kind >= 3) {
        random.nextBytes(data);
      } else if (kind == 2) {
        for (int k = 0; k < length; k += 97) {
          data[k] = (byte) (1 + random.nextInt(200));
        }
      }
      System.arraycopy(data, 0, model, (int) offset, length);
      writer.write(offset, ByteBuffer.wrap(data));
    }
  }

  private long offset(int clusterSize) {
    int clusters = model.length / clusterSize;
    return switch (random.nextInt(3)) {
      case 0 -> (long) random.nextInt(clusters) * clusterSize;
      case 1 -> random.nextInt(model.length);
      default -> (long) random.nextInt(clusters) * clusterSize + 512L * random.nextInt(8);
    };
  }

  /** Saves the model as a raw image file. */
  public void saveRaw(Path file) throws IOException {
    Files.write(file, model);
  }
}
