package io.sendense.image.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Streaming along content runs: holes, run boundaries, read sizes, and bad maps. */
class RunInputStreamTest {
  private static final int UNIT = 4096;

  @Test
  void holesReadAsZerosAndRunsAsTheirDeviceBytes() throws Exception {
    byte[] disk = new byte[64 * UNIT];
    new Random(1).nextBytes(disk);
    // logical 0-3 at device unit 10, 4-7 a hole, 8-9 at device unit 40
    ContentMap map =
        map(
            new ContentRun(0, 10L * UNIT, 4),
            ContentRun.hole(4, 4),
            new ContentRun(8, 40L * UNIT, 2));
    long size = 9L * UNIT + 100;
    byte[] expected = new byte[(int) size];
    System.arraycopy(disk, 10 * UNIT, expected, 0, 4 * UNIT);
    System.arraycopy(disk, 40 * UNIT, expected, 8 * UNIT, UNIT + 100);
    try (InputStream in = new RunInputStream(new CountingDevice(disk), size, map, "/f")) {
      assertArrayEquals(expected, in.readAllBytes());
    }
  }

  @Test
  void aLongContiguousRunIsReadInPiecesOfAtLeastOneMebibyte() throws Exception {
    byte[] disk = new byte[8 << 20];
    new Random(2).nextBytes(disk);
    CountingDevice device = new CountingDevice(disk);
    ContentMap map = map(new ContentRun(0, 0, disk.length / UNIT));
    try (InputStream in = new RunInputStream(device, disk.length, map, "/big")) {
      byte[] buffer = new byte[8192];
      ByteBuffer all = ByteBuffer.allocate(disk.length);
      for (int n; (n = in.read(buffer)) > 0; ) {
        all.put(buffer, 0, n);
      }
      assertArrayEquals(disk, all.array());
    }
    assertTrue(device.reads.stream().allMatch(r -> r >= 1 << 20), device.reads.toString());
  }

  @Test
  void aMapThatDoesNotCoverThePositionIsAnError() {
    ContentMap map = map(new ContentRun(5, 0, 1));
    GuestFsException e =
        assertThrows(
            GuestFsException.class,
            () ->
                new RunInputStream(new CountingDevice(new byte[UNIT * 8]), UNIT, map, "/x")
                    .readAllBytes());
    assertEquals("/x: no content mapping for block 0", e.getMessage());
  }

  @Test
  void aRunPastTheEndOfTheDeviceIsAnError() {
    ContentMap map = map(new ContentRun(0, 7L * UNIT, 2));
    GuestFsException e =
        assertThrows(
            GuestFsException.class,
            () ->
                new RunInputStream(new CountingDevice(new byte[UNIT * 8]), 2 * UNIT, map, "/y")
                    .readAllBytes());
    assertEquals("/y: content lies past the end of the device", e.getMessage());
  }

  private static ContentMap map(ContentRun... runs) {
    return new ContentMap() {
      @Override
      public int unitSize() {
        return UNIT;
      }

      @Override
      public ContentRun find(long logical) {
        for (ContentRun r : runs) {
          if (logical >= r.logical() && logical < r.logical() + r.units()) {
            return r;
          }
        }
        return null;
      }
    };
  }

  /** Device over bytes that records the size of every read. */
  private static final class CountingDevice implements BlockDevice {
    final byte[] bytes;
    final List<Integer> reads = new ArrayList<>();

    CountingDevice(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws java.io.EOFException {
      if (offset + dst.remaining() > bytes.length) {
        throw new java.io.EOFException();
      }
      reads.add(dst.remaining());
      dst.put(bytes, (int) offset, dst.remaining());
    }
  }
}
