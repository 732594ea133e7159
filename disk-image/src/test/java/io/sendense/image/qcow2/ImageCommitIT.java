package io.sendense.image.qcow2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore points taken out of chains by {@link ImageCommit} and {@link BackingFile#rebase}, judged
 * by qemu-img: every remaining point identical to the raw state it captured, every file without
 * errors or leaks, and the chain never unreadable while a commit runs.
 */
class ImageCommitIT {
  private static final int SIZE = (12 << 20) + 3 * 512;

  @TempDir Path dir;

  @Test
  void deletingTheOldestPointAgainAndAgainKeepsEveryOtherPointExact() throws Exception {
    Chain chain = Chain.write(dir, Qcow2Options.full(SIZE), 21L, 5);
    for (int round = 0; round < 4; round++) {
      chain.removeOldest();
      chain.assertExact();
    }
    assertEquals(1, chain.images.size());
    assertEquals(null, BackingFile.of(chain.images.get(0)), "the survivor is a full");
  }

  @Test
  void zstdChainsWithSmallClustersMergeToo() throws Exception {
    Chain chain =
        Chain.write(
            dir,
            Qcow2Options.full(SIZE).withClusterSize(4096).withCompression(Compression.ZSTD),
            22L,
            4);
    chain.removeOldest();
    chain.assertExact();
    chain.remove(1);
    chain.assertExact();
  }

  @Test
  void aPointInTheMiddleLeavesItsNeighboursExact() throws Exception {
    Chain chain = Chain.write(dir, Qcow2Options.full(SIZE), 23L, 4);
    chain.remove(1);
    chain.assertExact();
    chain.remove(1);
    chain.assertExact();
    assertEquals(2, chain.images.size());
  }

  @Test
  void theCostIsTheChildsClustersNotTheChain() throws Exception {
    Path full = dir.resolve("full.qcow2");
    try (Qcow2Writer w = Qcow2Writer.create(full, Qcow2Options.full(64 << 20))) {
      w.write(0, ByteBuffer.wrap(TestData.mixed(1, 64 << 20)));
      w.commit();
    }
    Path inc = dir.resolve("inc.qcow2");
    try (Qcow2Writer w =
        Qcow2Writer.create(inc, Qcow2Options.full(64 << 20).withBackingFile(full))) {
      for (int i = 0; i < 5; i++) {
        byte[] data = new byte[65536];
        new java.util.Random(i).nextBytes(data);
        w.write((long) i * (7 << 20), ByteBuffer.wrap(data));
      }
      w.commit();
    }
    long before = Files.size(full);
    ImageCommit.Result r = ImageCommit.commit(inc, full, null);
    assertEquals(5, r.clusters());
    assertEquals(5 * 65536, r.dataBytes());
    assertTrue(r.metadataBytes() < 1 << 20, "metadata written: " + r.metadataBytes());
    assertTrue(
        r.parentFileSize() - before <= r.dataBytes() + r.metadataBytes(),
        "the full grew by " + (r.parentFileSize() - before));
    String compare = QemuImg.ok("compare", inc.toString(), full.toString());
    assertTrue(compare.contains("Images are identical"), compare);
  }

  @Test
  void aCommitStoppedHalfwayAndRunAgainEndsExactAndTheChainReadsThroughout() throws Exception {
    Chain chain = Chain.write(dir, Qcow2Options.full(SIZE), 24L, 4);
    Path parent = chain.images.get(0);
    Path child = chain.images.get(1);
    for (ImageCommit.Stage stop : ImageCommit.Stage.values()) {
      IOException crash =
          assertThrows(
              IOException.class,
              () ->
                  ImageCommit.commit(
                      child,
                      parent,
                      stage -> {
                        chain.assertReadable();
                        if (stage == stop) {
                          throw new IOException("stopped at " + stage);
                        }
                      }));
      assertEquals("stopped at " + stop, crash.getMessage());
      chain.assertReadable();
    }
    ImageCommit.commit(child, parent, stage -> chain.assertReadable());
    chain.afterCommit(0);
    chain.assertExact();
  }

  @Test
  void aDiskThatGrewMergesIntoItsSmallerParent() throws Exception {
    Path small = dir.resolve("small.qcow2");
    try (Qcow2Writer w = Qcow2Writer.create(small, Qcow2Options.full(4 << 20))) {
      w.write(0, ByteBuffer.wrap(TestData.mixed(5, 4 << 20)));
      w.commit();
    }
    Path grown = dir.resolve("grown.qcow2");
    try (Qcow2Writer w =
        Qcow2Writer.create(grown, Qcow2Options.full(700 << 20).withBackingFile(small))) {
      w.write(600 << 20, ByteBuffer.wrap(TestData.mixed(6, 1 << 20)));
      w.commit();
    }
    ImageCommit.commit(grown, small, null);
    String compare = QemuImg.ok("compare", grown.toString(), small.toString());
    assertTrue(compare.contains("Images are identical"), compare);
    assertTrue(QemuImg.ok("check", small.toString()).contains("No errors were found"));
  }

  @Test
  void refusesFilesThatAreNotChildAndParent() throws Exception {
    Chain chain = Chain.write(dir, Qcow2Options.full(SIZE), 25L, 3);
    BrokenChainException wrong =
        assertThrows(
            BrokenChainException.class,
            () -> ImageCommit.commit(chain.images.get(2), chain.images.get(0), null));
    assertTrue(wrong.getMessage().contains("nothing was committed"), wrong.getMessage());
    Path other = dir.resolve("other.qcow2");
    try (Qcow2Writer w =
        Qcow2Writer.create(
            other,
            Qcow2Options.full(SIZE).withClusterSize(4096).withBackingFile(chain.images.get(0)))) {
      w.write(0, ByteBuffer.wrap(new byte[] {1}));
      w.commit();
    }
    ImageException sizes =
        assertThrows(
            ImageException.class, () -> ImageCommit.commit(other, chain.images.get(0), null));
    assertTrue(sizes.getMessage().contains("cannot be merged"), sizes.getMessage());
    chain.assertExact();
  }

  @Test
  void rebaseRefusesANameThatDoesNotFitInOneSector() throws Exception {
    Chain chain = Chain.write(dir, Qcow2Options.full(SIZE), 26L, 2);
    Path longName = Files.createDirectories(dir.resolve("d".repeat(200))).resolve("e".repeat(200));
    Files.copy(chain.images.get(0), longName);
    ImageException e =
        assertThrows(ImageException.class, () -> BackingFile.rebase(chain.images.get(1), longName));
    assertTrue(e.getMessage().contains("does not fit in one sector"), e.getMessage());
    chain.assertExact();
  }

  /** A chain on disk with the raw state each image must read as. */
  private static final class Chain {
    final List<Path> images = new ArrayList<>();
    final List<Path> raws = new ArrayList<>();

    static Chain write(Path dir, Qcow2Options base, long seed, int points) throws Exception {
      Chain chain = new Chain();
      RandomWrites writes = new RandomWrites(seed, SIZE);
      for (int p = 0; p < points; p++) {
        Path image = dir.resolve("p" + p + ".qcow2");
        Qcow2Options options = p == 0 ? base : base.withBackingFile(chain.images.get(p - 1));
        try (Qcow2Writer w = Qcow2Writer.create(image, options)) {
          writes.apply(w, 40, base.clusterSize());
          if (p > 0) {
            // a zero cluster over data the parent holds
            w.write(base.clusterSize() * 3L, ByteBuffer.allocate(base.clusterSize()));
            java.util.Arrays.fill(
                writes.model(), base.clusterSize() * 3, base.clusterSize() * 4, (byte) 0);
          }
          w.commit();
        }
        Path raw = dir.resolve("p" + p + ".raw");
        writes.saveRaw(raw);
        chain.images.add(image);
        chain.raws.add(raw);
      }
      return chain;
    }

    /** Deletes the point at {@code index} (not the newest) the way the hub does. */
    void remove(int index) throws Exception {
      ImageCommit.Result r = ImageCommit.commit(images.get(index + 1), images.get(index), null);
      assertTrue(r.clusters() > 0, r.toString());
      afterCommit(index);
    }

    void removeOldest() throws Exception {
      remove(0);
    }

    /**
     * The child's children are re-pointed, the child's file deleted, the parent takes its place.
     */
    void afterCommit(int index) throws IOException {
      Path parentFile = images.get(index);
      Path childFile = images.get(index + 1);
      if (index + 2 < images.size()) {
        BackingFile.rebase(images.get(index + 2), parentFile);
      }
      Files.delete(childFile);
      images.remove(index + 1);
      raws.remove(index);
    }

    void assertExact() throws Exception {
      for (int i = 0; i < images.size(); i++) {
        String check = QemuImg.ok("check", images.get(i).toString());
        assertTrue(check.contains("No errors were found"), check);
        assertFalse(check.contains("leaked"), check);
        assertTrue(Qcow2Checker.check(images.get(i)).clean());
        String compare =
            QemuImg.ok(
                "compare",
                "-f",
                "qcow2",
                "-F",
                "raw",
                images.get(i).toString(),
                raws.get(i).toString());
        assertTrue(compare.contains("Images are identical"), images.get(i) + ": " + compare);
      }
    }

    /** Every point above the commit's parent reads its raw state (Java reader, mid-commit). */
    void assertReadable() throws IOException {
      for (int i = 1; i < images.size(); i++) {
        byte[] expected = Files.readAllBytes(raws.get(i));
        try (Qcow2Chain c = Qcow2Chain.open(images.get(i))) {
          ByteBuffer all = ByteBuffer.allocate(expected.length);
          c.read(0, all);
          if (!java.util.Arrays.equals(expected, all.array())) {
            throw new AssertionError(images.get(i) + " does not read its state mid-commit");
          }
        }
      }
    }
  }
}
