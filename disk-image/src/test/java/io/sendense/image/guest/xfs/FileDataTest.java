package io.sendense.image.guest.xfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sendense.image.guest.GuestFsException;
import io.sendense.image.guest.fstest.MemoryDevice;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Holes and unwritten extents, which mkfs.xfs protofiles cannot produce, read as zeros. */
class FileDataTest {
  private static final int BS = 512;
  private static final Superblock SB =
      new Superblock(BS, 64, 128, 32, 2, 256, 1, 5, BS, true, false, "");

  private static byte[] disk() {
    byte[] disk = new byte[64 * BS];
    for (int i = 0; i < disk.length; i++) {
      disk[i] = (byte) (1 + i / BS);
    }
    return disk;
  }

  @Test
  void holesAndUnwrittenExtentsReadAsZerosBetweenWrittenData() throws Exception {
    List<Extent> extents =
        List.of(new Extent(0, 3, 1, false), new Extent(2, 4, 1, true), new Extent(3, 33, 1, false));
    FileData data = new FileData(new MemoryDevice(disk()), SB, extents, 4 * BS);
    byte[] got = new byte[4 * BS];
    data.read(0, got, 0, got.length);
    byte[] want = new byte[4 * BS];
    Arrays.fill(want, 0, BS, (byte) 4);
    Arrays.fill(want, 3 * BS, 4 * BS, (byte) (1 + 32 + 1));
    assertArrayEquals(want, got);
  }

  @Test
  void blockInTheSecondAllocationGroupIsFoundFromItsAgNumber() throws Exception {
    assertEquals((32 + 1) * BS, SB.blockOffset(1L << 5 | 1));
  }

  @Test
  void extentPastTheFileSystemIsRefused() {
    FileData data =
        new FileData(new MemoryDevice(disk()), SB, List.of(new Extent(0, 7L << 5, 1, false)), BS);
    assertThrows(GuestFsException.class, () -> data.read(0, new byte[BS], 0, BS));
  }
}
