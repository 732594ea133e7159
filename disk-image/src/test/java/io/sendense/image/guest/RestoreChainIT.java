package io.sendense.image.guest;

import io.sendense.image.qcow2.Qcow2Chain;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-point QCOW2 chain (full, then two incrementals made by qemu-img against their parent) of
 * a GPT disk whose ext4 partition changed between points: each point reads back as the guest files
 * of its own time, not of the points around it.
 */
class RestoreChainIT {
  @TempDir static Path dir;
  static TestDisks.Chain chain;

  @BeforeAll
  static void buildChain() throws Exception {
    chain = TestDisks.chain(dir);
  }

  @Test
  void topOfTheChainReadsAsTheLastVersionOfTheFiles() throws Exception {
    assertPointHolds(chain.points().get(2), chain.versions().get(2));
  }

  @Test
  void middleOfTheChainReadsAsTheSecondVersionOfTheFiles() throws Exception {
    assertPointHolds(chain.points().get(1), chain.versions().get(1));
  }

  @Test
  void baseOfTheChainReadsAsTheFirstVersionOfTheFiles() throws Exception {
    assertPointHolds(chain.points().get(0), chain.versions().get(0));
  }

  private static void assertPointHolds(Path point, Path folder) throws Exception {
    try (Qcow2Chain image = Qcow2Chain.open(point)) {
      GuestDisk disk = GuestDisk.open(BlockDevice.of(image));
      Volume root = disk.volume("1");
      ContentTree.assertSameTree(
          ContentTree.snapshot(folder), ContentTree.snapshot(root.fileSystem()));
    }
  }
}
