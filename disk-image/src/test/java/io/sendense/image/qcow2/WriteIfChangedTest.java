package io.sendense.image.qcow2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content-compare writes ({@link Qcow2Writer#writeIfChanged}, {@link Qcow2Writer#zeroIfChanged}):
 * an incremental stores exactly the clusters that differ from what it reads now, whatever the
 * caller passes, and reads back as the new content.
 */
class WriteIfChangedTest {
  private static final int CLUSTER = 64 << 10;
  private static final int SIZE = 64 * CLUSTER;

  @TempDir Path dir;

  @Test
  void unchangedDiskStoresNothingAndChangesStoreOnlyTheirClusters() throws Exception {
    byte[] base = TestData.mixed(1, SIZE);
    Path parent = full("parent.qcow2", base);
    byte[] now = base.clone();
    Random random = new Random(2);
    byte[] piece = new byte[CLUSTER + 100];
    random.nextBytes(piece);
    System.arraycopy(piece, 0, now, 5 * CLUSTER + 10, piece.length);
    int dataCluster = firstCluster(base, false);
    Arrays.fill(now, dataCluster * CLUSTER, (dataCluster + 1) * CLUSTER, (byte) 0);

    Path top = dir.resolve("top.qcow2");
    long written;
    try (Qcow2Writer w = Qcow2Writer.create(top, incremental(parent))) {
      written = w.writeIfChanged(0, ByteBuffer.wrap(now));
      w.commit();
    }
    WriterModelTest.assertModel("incremental", top, now, new Random(3));
    List<Long> data = new ArrayList<>();
    List<Long> zeros = new ArrayList<>();
    for (int c = 0; c < SIZE / CLUSTER; c++) {
      if (!Arrays.equals(
          base, c * CLUSTER, (c + 1) * CLUSTER, now, c * CLUSTER, (c + 1) * CLUSTER)) {
        (zero(now, c) ? zeros : data).add((long) c);
      }
    }
    assertEquals(List.of((long) dataCluster), zeros);
    assertEquals((data.size() + zeros.size()) * (long) CLUSTER, written);
    assertEquals(data, own(top, false), "only the clusters the piece touches hold new data");
    assertEquals(zeros, own(top, true), "data that became zeros is masked");
  }

  @Test
  void zerosOverParentHolesStoreNothingAndOverParentDataBecomeZeroClusters() throws Exception {
    byte[] base = TestData.mixed(4, SIZE);
    Path parent = full("parent.qcow2", base);
    Path top = dir.resolve("top.qcow2");
    long written;
    try (Qcow2Writer w = Qcow2Writer.create(top, incremental(parent))) {
      written = w.zeroIfChanged(CLUSTER / 2, SIZE - CLUSTER);
      w.commit();
    }
    byte[] now = base.clone();
    Arrays.fill(now, CLUSTER / 2, SIZE - CLUSTER / 2, (byte) 0);
    WriterModelTest.assertModel("zeroed", top, now, new Random(5));
    long nonZeroBefore = 0;
    for (int c = 1; c < SIZE / CLUSTER - 1; c++) {
      nonZeroBefore += zero(base, c) ? 0 : CLUSTER;
    }
    long halves =
        (zero(base, 0) ? 0 : CLUSTER / 2) + (zero(base, SIZE / CLUSTER - 1) ? 0 : CLUSTER / 2);
    assertEquals(nonZeroBefore + halves, written);
    List<Long> edges = new ArrayList<>();
    for (int c : List.of(0, SIZE / CLUSTER - 1)) {
      if (!zero(base, c)) {
        edges.add((long) c);
      }
    }
    assertEquals(edges, own(top, false), "only a cluster zeroed in part keeps data");
  }

  @Test
  void aClusterThisImageAlreadyHoldsIsComparedWithItsOwnContent() throws Exception {
    byte[] base = TestData.mixed(6, SIZE);
    Path parent = full("parent.qcow2", base);
    int cluster = firstCluster(base, false);
    byte[] other = new byte[CLUSTER];
    new Random(7).nextBytes(other);
    Path top = dir.resolve("top.qcow2");
    try (Qcow2Writer w = Qcow2Writer.create(top, incremental(parent))) {
      w.write((long) cluster * CLUSTER, ByteBuffer.wrap(other));
      long again = w.writeIfChanged((long) cluster * CLUSTER, ByteBuffer.wrap(other));
      long back =
          w.writeIfChanged(
              (long) cluster * CLUSTER, ByteBuffer.wrap(base, cluster * CLUSTER, CLUSTER));
      assertEquals(0, again, "the same data again is not rewritten");
      assertEquals(CLUSTER, back, "the parent's content differs from this image's own");
      w.commit();
    }
    WriterModelTest.assertModel("restored", top, base, new Random(8));
  }

  @Test
  void fullImageWithoutParentComparesWithZeros() throws Exception {
    byte[] data = TestData.mixed(9, SIZE);
    Path image = dir.resolve("full.qcow2");
    long written;
    try (Qcow2Writer w = Qcow2Writer.create(image, Qcow2Options.full(SIZE))) {
      written = w.writeIfChanged(0, ByteBuffer.wrap(data));
      w.commit();
    }
    long nonZero = 0;
    for (int c = 0; c < SIZE / CLUSTER; c++) {
      nonZero += zero(data, c) ? 0 : CLUSTER;
    }
    assertEquals(nonZero, written);
    WriterModelTest.assertModel("full", image, data, new Random(10));
  }

  private Path full(String name, byte[] data) throws Exception {
    Path image = dir.resolve(name);
    try (Qcow2Writer w = Qcow2Writer.create(image, Qcow2Options.full(data.length))) {
      w.write(0, ByteBuffer.wrap(data));
      w.commit();
    }
    return image;
  }

  private static Qcow2Options incremental(Path parent) {
    return Qcow2Options.full(SIZE).withBackingFile(parent);
  }

  /** Clusters the top image defines itself: data ones, or zero ones. */
  private static List<Long> own(Path top, boolean zero) throws Exception {
    List<Long> clusters = new ArrayList<>();
    try (Qcow2Chain chain = Qcow2Chain.open(top)) {
      for (AllocatedRange r : chain.map().ranges()) {
        if (r.depth() == 0 && r.zero() == zero) {
          for (long c = r.start() / CLUSTER; c < r.end() / CLUSTER; c++) {
            clusters.add(c);
          }
        }
      }
    }
    return clusters;
  }

  private static int firstCluster(byte[] data, boolean zero) {
    for (int c = 0; c < data.length / CLUSTER; c++) {
      if (zero(data, c) == zero) {
        return c;
      }
    }
    throw new AssertionError("no such cluster in the test data");
  }

  private static boolean zero(byte[] data, int cluster) {
    for (int i = cluster * CLUSTER; i < (cluster + 1) * CLUSTER; i++) {
      if (data[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
