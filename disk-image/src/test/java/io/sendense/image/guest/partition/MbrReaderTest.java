package io.sendense.image.guest.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.guest.BlockDevice;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made MBRs with the damage a hostile or broken disk can carry. */
class MbrReaderTest {
  private static final int SECTORS = 2048;

  @Test
  void logicalPartitionsAreNumberedFromFiveAlongTheChain() throws Exception {
    byte[] disk = new byte[SECTORS * 512];
    entry(disk, 0, 0, 0x83, 1, 99);
    entry(disk, 0, 1, 0x05, 100, 900);
    entry(disk, 100, 0, 0x83, 1, 99); // logical 5 at 101
    entry(disk, 100, 1, 0x05, 200, 300); // next EBR at 100 + 200
    entry(disk, 300, 0, 0x07, 2, 50); // logical 6 at 302
    PartitionTable t = PartitionTables.read(device(disk));
    assertEquals(List.of(1, 5, 6), t.partitions().stream().map(Partition::number).toList());
    assertEquals(
        List.of(512L, 101L * 512, 302L * 512),
        t.partitions().stream().map(Partition::offset).toList());
    assertEquals("NTFS/exFAT", t.partitions().get(2).typeName());
    assertEquals(List.of(), t.warnings());
  }

  @Test
  void aLoopingChainOfLogicalPartitionsEndsWithAWarning() throws Exception {
    byte[] disk = new byte[SECTORS * 512];
    entry(disk, 0, 0, 0x05, 100, 900);
    entry(disk, 100, 0, 0x83, 1, 10);
    entry(disk, 100, 1, 0x05, 100, 100); // next EBR at 200
    entry(disk, 200, 0, 0x83, 1, 10);
    entry(disk, 200, 1, 0x05, 100, 100); // points at itself
    PartitionTable t = PartitionTables.read(device(disk));
    assertEquals(List.of(5, 6), t.partitions().stream().map(Partition::number).toList());
    assertEquals(1, t.warnings().size());
    assertTrue(
        t.warnings().get(0).startsWith("The chain of logical partitions loops"),
        t.warnings().get(0));
  }

  @Test
  void partitionsPastTheEndOfTheDiskAreSkippedWithAWarning() throws Exception {
    byte[] disk = new byte[SECTORS * 512];
    entry(disk, 0, 0, 0x83, 1, 99);
    entry(disk, 0, 1, 0x83, 2000, 100);
    PartitionTable t = PartitionTables.read(device(disk));
    assertEquals(List.of(1), t.partitions().stream().map(Partition::number).toList());
    assertEquals(
        "Partition 2 (sectors 2000 +100) lies outside its disk or container (2048"
            + " sectors); skipped",
        t.warnings().get(0));
  }

  @Test
  void aFatBootSectorOnAWholeDiskIsNotAPartitionTable() throws Exception {
    byte[] disk = new byte[SECTORS * 512];
    disk[0] = (byte) 0xeb;
    disk[2] = (byte) 0x90;
    disk[11] = 0;
    disk[12] = 2; // 512 bytes per sector
    disk[14] = 1; // reserved sectors
    disk[16] = 2; // two FATs
    entry(disk, 0, 0, 0x83, 1, 99); // boot code bytes that happen to look like an entry
    PartitionTable t = PartitionTables.read(device(disk));
    assertEquals(PartitionTable.Scheme.NONE, t.scheme());
    assertEquals(List.of(0), t.partitions().stream().map(Partition::number).toList());
  }

  /** Writes table entry {@code slot} of the boot record at {@code sector}, and its signature. */
  private static void entry(byte[] disk, int sector, int slot, int type, long start, long count) {
    ByteBuffer b = ByteBuffer.wrap(disk).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int at = sector * 512 + 446 + 16 * slot;
    disk[at + 4] = (byte) type;
    b.putInt(at + 8, (int) start);
    b.putInt(at + 12, (int) count);
    b.putShort(sector * 512 + 510, (short) 0xaa55);
  }

  private static BlockDevice device(byte[] bytes) {
    return new BlockDevice() {
      @Override
      public long size() {
        return bytes.length;
      }

      @Override
      public void read(long offset, ByteBuffer dst) throws EOFException {
        if (offset + dst.remaining() > bytes.length) {
          throw new EOFException();
        }
        dst.put(bytes, (int) offset, dst.remaining());
      }
    };
  }
}
